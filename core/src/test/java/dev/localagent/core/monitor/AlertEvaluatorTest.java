package dev.localagent.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.core.alerts.PerformanceAlertsConfig;
import dev.localagent.core.alerts.PerformanceAlertsConfig.ErrorRate;
import dev.localagent.core.alerts.PerformanceAlertsConfig.MemoryUsage;
import dev.localagent.core.alerts.PerformanceAlertsConfig.PluginLoading;
import dev.localagent.core.alerts.PerformanceAlertsConfig.WebsocketThroughput;
import dev.localagent.core.config.ByteSize;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator fed synthetic samples one second apart; time comes only from the samples. */
class AlertEvaluatorTest {
  private static final long MB = 1 << 20;
  private static final PerformanceAlertsConfig CONFIG = new PerformanceAlertsConfig(
      new PluginLoading(100, Duration.ofSeconds(2), Duration.ofSeconds(5)),
      new WebsocketThroughput(1500, 1000),
      new MemoryUsage(ByteSize.ofMegabytes(500), ByteSize.ofGigabytes(1)),
      new ErrorRate(5, 10, 20), Duration.ofSeconds(1), Duration.ofSeconds(10));

  final AlertEvaluator evaluator = new AlertEvaluator(CONFIG);
  Instant now = Instant.parse("2026-11-28T10:00:00Z");
  long delivered;
  long requests;
  long failures;

  /** Advances one second with this resident memory and no other activity. */
  private Alert memory(long residentMb) {
    return tick(residentMb * MB, 0, false, 0, 0, null).get(2);
  }

  private List<Alert> tick(long resident, long deliveredPerSecond, boolean backlogged, long newRequests,
      long newFailures, MetricSample.PluginLoad load) {
    now = now.plusSeconds(1);
    delivered += deliveredPerSecond;
    requests += newRequests;
    failures += newFailures;
    return evaluator.evaluate(new MetricSample(now, resident, 64 * MB, delivered, backlogged, requests, failures, load));
  }

  @Test
  void memoryPastTheWarningFiresOnlyOnTheSecondSampleInARow() {
    assertThat(memory(600).state()).isInstanceOf(AlertState.Normal.class);
    Alert second = memory(600);
    assertThat(second.state()).isInstanceOfSatisfying(AlertState.Firing.class, firing -> {
      assertThat(firing.severity()).isEqualTo(Severity.WARNING);
      assertThat(firing.threshold()).isEqualTo(500.0 * MB);
      assertThat(firing.since()).isEqualTo(now);
    });
    assertThat(second.description()).isEqualTo("resident memory 600 MB, past the warning threshold 500 MB");
  }

  @Test
  void aSingleSpikeBetweenNormalSamplesRaisesNothing() {
    assertThat(List.of(memory(100), memory(2000), memory(100), memory(2000), memory(100)))
        .allSatisfy(alert -> assertThat(alert.severity()).isEqualTo(Severity.OK));
  }

  @Test
  void aFigureHoveringAtTheThresholdDoesNotFlapAndClearsOnlyWellBelowIt() {
    memory(510);
    assertThat(memory(510).severity()).isEqualTo(Severity.WARNING);
    // 490 MB is below 500 but within the 10% margin: still a warning, however long it lasts.
    for (int i = 0; i < 5; i++) {
      assertThat(memory(490).severity()).isEqualTo(Severity.WARNING);
    }
    assertThat(memory(440).severity()).isEqualTo(Severity.WARNING);
    assertThat(memory(440).severity()).isEqualTo(Severity.WARNING);
    assertThat(memory(440).state()).isInstanceOf(AlertState.Normal.class);
  }

  @Test
  void criticalStepsDownToWarningBeforeClearing() {
    memory(1500);
    assertThat(memory(1500).severity()).isEqualTo(Severity.CRITICAL);
    memory(600);
    memory(600);
    assertThat(memory(600).severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void lowThroughputIsNotAnAlertWithoutABacklog() {
    List<Alert> alerts = List.of();
    for (int i = 0; i < 12; i++) {
      alerts = tick(0, 10, false, 0, 0, null);
    }
    assertThat(alerts.get(1).state()).isEqualTo(new AlertState.NoData("no backlog: clients got every event offered"));
  }

  @Test
  void lowThroughputWhileClientsHaveABacklogIsCriticalOnceTheWindowIsHalfFull() {
    assertThat(tick(0, 800, true, 0, 0, null).get(1).state())
        .isEqualTo(new AlertState.NoData("window not filled yet"));
    Alert alert = null;
    for (int i = 0; i < 6; i++) {
      alert = tick(0, 800, true, 0, 0, null).get(1);
    }
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.description()).isEqualTo(
        "800 events/s delivered while clients had a backlog, past the critical threshold 1000 events/s");
  }

  @Test
  void highThroughputWithABacklogIsNormal() {
    Alert alert = null;
    for (int i = 0; i < 8; i++) {
      alert = tick(0, 5000, true, 0, 0, null).get(1);
    }
    assertThat(alert.state()).isEqualTo(new AlertState.Normal(5000));
  }

  @Test
  void theErrorRateIsJudgedOverTheWindowOnceItHoldsEnoughRequests() {
    tick(0, 0, false, 10, 5, null); // the window's first sample: its counters are the baseline
    assertThat(tick(0, 0, false, 10, 0, null).get(3).state())
        .isEqualTo(new AlertState.NoData("10 request(s) in the window, fewer than 20"));
    tick(0, 0, false, 10, 2, null);
    Alert warning = tick(0, 0, false, 10, 0, null).get(3);
    assertThat(warning.severity()).isEqualTo(Severity.WARNING);
    assertThat(warning.description()).isEqualTo("6.7% of 30 requests failed, past the warning threshold 5%");
  }

  @Test
  void theErrorRateFallsAsFailuresLeaveTheWindow() {
    tick(0, 0, false, 50, 25, null);
    tick(0, 0, false, 50, 25, null);
    assertThat(tick(0, 0, false, 50, 25, null).get(3).severity()).isEqualTo(Severity.CRITICAL);
    Alert alert = null;
    for (int i = 0; i < 16; i++) {
      alert = tick(0, 0, false, 50, 0, null).get(3);
    }
    assertThat(alert.state()).isEqualTo(new AlertState.Normal(0));
  }

  @Test
  void pluginLoadingIsScaledToAHundredPluginsAndIgnoredForAFew() {
    var few = new MetricSample.PluginLoad(3, Duration.ofSeconds(1));
    assertThat(tick(0, 0, false, 0, 0, few).getFirst().state())
        .isEqualTo(new AlertState.NoData("3 plugin(s), fewer than 10 to scale to 100"));
    var slow = new MetricSample.PluginLoad(20, Duration.ofMillis(600)); // 3 s per 100 plugins
    tick(0, 0, false, 0, 0, slow);
    Alert alert = tick(0, 0, false, 0, 0, slow).getFirst();
    assertThat(alert.severity()).isEqualTo(Severity.WARNING);
    assertThat(alert.description()).isEqualTo(
        "loading 20 plugins took 600 ms, 3000 ms per 100, past the warning threshold 2000 ms");
  }
}
