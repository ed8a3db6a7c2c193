package dev.localagent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
  @Test
  void suggestsTheClosestKeyWithinAReasonableDistance() {
    var keys = List.of("level", "file", "performance_alerts");

    assertThat(KeySuggestions.closest("levle", keys)).contains("level");
    assertThat(KeySuggestions.closest("performance_alert", keys)).contains("performance_alerts");
    assertThat(KeySuggestions.closest("zzzzzzzz", keys)).isEmpty();
  }

  @Test
  void sizesAndDurationsRoundTrip() {
    assertThat(ByteSize.parse("500MB")).isEqualTo(ByteSize.ofMegabytes(500));
    assertThat(ByteSize.ofMegabytes(1024).toString()).isEqualTo("1GB");
    assertThat(ByteSize.parse("lots")).isNull();
    assertThat(Durations.format(Durations.parse("1500ms"))).isEqualTo("1500ms");
    assertThat(Durations.format(Durations.parse("120s"))).isEqualTo("2m");
  }
}
