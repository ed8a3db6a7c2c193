package dev.localagent.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {
  private static boolean matches(String range, String version) {
    return VersionRange.parse(range).contains(SemVer.parse(version));
  }

  @Test
  void comparatorsCaretTildeAndWildcardSelectTheExpectedVersions() {
    assertThat(matches(">=1.0.0 <2.0.0", "1.9.9")).isTrue();
    assertThat(matches(">=1.0.0 <2.0.0", "2.0.0")).isFalse();
    assertThat(matches("^1.2.0", "1.7.0")).isTrue();
    assertThat(matches("^1.2.0", "1.1.9")).isFalse();
    assertThat(matches("~1.2.0", "1.2.9")).isTrue();
    assertThat(matches("~1.2.0", "1.3.0")).isFalse();
    assertThat(matches("*", "0.0.1")).isTrue();
    assertThat(matches("1.2.3", "1.2.3")).isTrue();
    assertThat(matches("1.2.3", "1.2.4")).isFalse();
  }

  @Test
  void aPreReleaseSortsBeforeItsRelease() {
    assertThat(SemVer.parse("1.0.0-beta")).isLessThan(SemVer.parse("1.0.0"));
    assertThat(SemVer.parse("1.0.0-alpha")).isLessThan(SemVer.parse("1.0.0-beta"));
    assertThat(SemVer.parse("1.2")).isEqualTo(new SemVer(1, 2, 0, null));
  }

  @Test
  void textThatIsNotAVersionIsRefusedWithItsReason() {
    assertThatThrownBy(() -> VersionRange.parse(">=banana")).hasMessageContaining("not a version");
  }
}
