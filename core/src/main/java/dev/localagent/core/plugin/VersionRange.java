package dev.localagent.core.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A set of acceptable versions, as written in a manifest: {@code *}, an exact {@code 1.2.3},
 * comparators joined by spaces ({@code >=1.0.0 <2.0.0}), caret {@code ^1.2.0} (same major), or
 * tilde {@code ~1.2.0} (same minor). A version matches when it satisfies every comparator.
 */
public final class VersionRange {
  private record Bound(SemVer version, IntPredicate accepts) {}

  private final String text;
  private final List<Bound> bounds;

  private VersionRange(String text, List<Bound> bounds) {
    this.text = text;
    this.bounds = List.copyOf(bounds);
  }

  /**
   * Parses a range.
   *
   * @throws IllegalArgumentException when a part is neither a comparator nor a version
   */
  public static VersionRange parse(String text) {
    String trimmed = text == null ? "*" : text.trim();
    var bounds = new ArrayList<Bound>();
    if (!trimmed.isEmpty() && !trimmed.equals("*")) {
      for (String part : trimmed.split("\\s+")) {
        addBounds(part, bounds);
      }
    }
    return new VersionRange(trimmed.isEmpty() ? "*" : trimmed, bounds);
  }

  private static void addBounds(String part, List<Bound> bounds) {
    if (part.startsWith("^") || part.startsWith("~")) {
      SemVer low = SemVer.parse(part.substring(1));
      SemVer high =
          part.startsWith("^")
              ? new SemVer(low.major() + 1, 0, 0, null)
              : new SemVer(low.major(), low.minor() + 1, 0, null);
      bounds.add(new Bound(low, c -> c >= 0));
      bounds.add(new Bound(high, c -> c < 0));
      return;
    }
    String[] ops = {">=", "<=", ">", "<", "="};
    IntPredicate[] tests = {c -> c >= 0, c -> c <= 0, c -> c > 0, c -> c < 0, c -> c == 0};
    for (int i = 0; i < ops.length; i++) {
      if (part.startsWith(ops[i])) {
        bounds.add(new Bound(SemVer.parse(part.substring(ops[i].length())), tests[i]));
        return;
      }
    }
    bounds.add(new Bound(SemVer.parse(part), c -> c == 0));
  }

  public boolean contains(SemVer version) {
    for (Bound bound : bounds) {
      if (!bound.accepts().test(version.compareTo(bound.version()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
