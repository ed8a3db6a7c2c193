package dev.localagent.core.plugin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH[-PRERELEASE]}; build metadata after {@code +} is
 * ignored. A pre-release sorts before its release, pre-release tags compare as strings.
 */
public record SemVer(int major, int minor, int patch, String preRelease) implements Comparable<SemVer> {
  private static final Pattern FORMAT =
      Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

  public SemVer {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
    preRelease = preRelease == null ? "" : preRelease;
  }

  /**
   * Parses {@code 1}, {@code 1.2}, {@code 1.2.3} or {@code 1.2.3-beta.1}; missing parts are 0.
   *
   * @throws IllegalArgumentException when the text is not a version
   */
  public static SemVer parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("not a version (expected MAJOR.MINOR.PATCH): " + text);
    }
    return new SemVer(number(m.group(1)), number(m.group(2)), number(m.group(3)), m.group(4));
  }

  private static int number(String group) {
    return group == null ? 0 : Integer.parseInt(group);
  }

  @Override
  public int compareTo(SemVer other) {
    int c = Integer.compare(major, other.major);
    if (c == 0) c = Integer.compare(minor, other.minor);
    if (c == 0) c = Integer.compare(patch, other.patch);
    if (c != 0) return c;
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // A release is newer than any of its pre-releases.
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    return preRelease.compareTo(other.preRelease);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
  }
}
