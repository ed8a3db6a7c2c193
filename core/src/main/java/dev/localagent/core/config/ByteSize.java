package dev.localagent.core.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** An amount of memory written as {@code 500MB}, {@code 1GB} or {@code 512KB} (powers of 1024). */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB)?");
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes);
    }
  }

  public static ByteSize ofMegabytes(long megabytes) {
    return new ByteSize(megabytes << 20);
  }

  public static ByteSize ofGigabytes(long gigabytes) {
    return new ByteSize(gigabytes << 30);
  }

  /** Parses {@code 500MB}; returns null when the text is not a size. */
  public static ByteSize parse(String text) {
    var match = FORMAT.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!match.matches()) {
      return null;
    }
    int unit = match.group(2) == null ? 0 : java.util.Arrays.asList(UNITS).indexOf(match.group(2));
    return new ByteSize(Long.parseLong(match.group(1)) << (10 * unit));
  }

  @Override
  public int compareTo(ByteSize other) {
    return Long.compare(bytes, other.bytes);
  }

  /** The largest unit that represents the size exactly, e.g. {@code 1GB} rather than 1024MB. */
  @Override
  public String toString() {
    int unit = 0;
    long value = bytes;
    while (unit < UNITS.length - 1 && value != 0 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return value + UNITS[unit];
  }
}
