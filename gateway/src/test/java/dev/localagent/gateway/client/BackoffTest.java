package dev.localagent.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = GatewayClientConfig.DEFAULT.backoff();

  @Test
  void theDefaultScheduleDoublesFrom100MillisAndStopsAt5Seconds() {
    assertThat(IntStream.range(0, 9).mapToObj(backoff::ceiling).map(Duration::toMillis))
        .containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L, 5_000L);
    assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void eachWaitIsBetweenHalfItsCeilingAndAllOfItAndTheWaitsVary() {
    var random = new Random(7);
    for (int attempt = 0; attempt < 8; attempt++) {
      Duration ceiling = backoff.ceiling(attempt);
      var waits = IntStream.range(0, 200).mapToObj(i -> backoff.delay(0, random)).distinct().count();
      assertThat(waits).as("distinct waits").isGreaterThan(10);
      for (int i = 0; i < 200; i++) {
        assertThat(backoff.delay(attempt, random)).isBetween(ceiling.dividedBy(2), ceiling);
      }
    }
  }

  @Test
  void withoutJitterTheWaitIsTheCeiling() {
    var fixed = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 3.0, 0.0);
    assertThat(IntStream.range(0, 5).mapToObj(n -> fixed.delay(n, new Random()).toMillis()))
        .containsExactly(50L, 150L, 450L, 1_000L, 1_000L);
  }

  @Test
  void impossibleSettingsAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> GatewayClientConfig.DEFAULT.withPool(2, 3))
        .hasMessage("gateway_client: pool_min_idle must be 0..pool_max_size");
    assertThatThrownBy(() -> GatewayClientConfig.DEFAULT.withBackoff(100, 50, 2.0, 0.5))
        .hasMessageContaining("backoff_max_millis");
    assertThatThrownBy(() -> GatewayClientConfig.DEFAULT.withBackoff(100, 500, 0.5, 0.5))
        .hasMessageContaining("backoff_multiplier");
  }
}
