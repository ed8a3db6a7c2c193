package dev.localagent.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Durations in config files: {@code 2s}, {@code 500ms}, {@code 1m}, {@code 1h}. */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /** Parses {@code 2s}; returns null when the text is not a duration. */
  public static Duration parse(String text) {
    var match = FORMAT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!match.matches()) {
      return null;
    }
    long amount = Long.parseLong(match.group(1));
    return switch (match.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  /** The shortest exact form: {@code 2s}, {@code 1500ms}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis != 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis != 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
