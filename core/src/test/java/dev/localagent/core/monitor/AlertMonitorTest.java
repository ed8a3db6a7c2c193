package dev.localagent.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.core.alerts.PerformanceAlertsConfig;
import dev.localagent.core.alerts.PerformanceAlertsConfig.MemoryUsage;
import dev.localagent.core.config.ByteSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor with a hand-advanced clock and a scripted source: sampleNow() is one tick. */
class AlertMonitorTest {
  /** A clock tests move by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-28T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final ManualClock clock = new ManualClock();
  final List<Alert> changes = new ArrayList<>();
  long residentMb = 100;
  final List<Instant> sampledAt = new ArrayList<>();

  private AlertMonitor monitor() {
    var config = new PerformanceAlertsConfig(null, null,
        new MemoryUsage(ByteSize.ofMegabytes(500), ByteSize.ofGigabytes(1)), null, Duration.ofSeconds(1),
        Duration.ofSeconds(10));
    MetricSource source = now -> {
      sampledAt.add(now);
      return new MetricSample(now, residentMb << 20, 1 << 20, 0, false, 0, 0, null);
    };
    return new AlertMonitor(config, source, clock, changes::add);
  }

  private void tick(AlertMonitor monitor) {
    clock.now = clock.now.plusSeconds(1);
    monitor.sampleNow();
  }

  @Test
  void aRaisedAndAClearedAlertAreEachReportedOnceWithTheClocksTime() {
    var monitor = monitor();
    residentMb = 700;
    tick(monitor);
    tick(monitor);
    tick(monitor);
    residentMb = 100;
    tick(monitor);
    tick(monitor);
    tick(monitor);
    tick(monitor);

    assertThat(changes).extracting(Alert::name).containsExactly(AlertName.MEMORY_USAGE, AlertName.MEMORY_USAGE);
    assertThat(changes.get(0).state()).isInstanceOfSatisfying(AlertState.Firing.class,
        firing -> assertThat(firing.since()).isEqualTo(Instant.parse("2026-11-28T10:00:02Z")));
    assertThat(changes.get(1).state()).isInstanceOf(AlertState.Normal.class);
    assertThat(sampledAt).first().isEqualTo(Instant.parse("2026-11-28T10:00:01Z"));
  }

  @Test
  void metricsShowOneGaugePerAlertWithTheSeverityAsItsValue() {
    var monitor = monitor();
    residentMb = 2048;
    tick(monitor);
    tick(monitor);

    var text = new StringBuilder();
    monitor.appendPrometheus(text);

    assertThat(text.toString())
        .contains("# TYPE localagent_alert_state gauge\n")
        .contains("localagent_alert_state{alert=\"memory_usage\"} 2\n")
        .contains("localagent_alert_state{alert=\"error_rate\"} 0\n")
        .contains("localagent_alert_state{alert=\"plugin_loading\"} 0\n")
        .contains("localagent_alert_state{alert=\"websocket_throughput\"} 0\n")
        .contains("localagent_alert_value{alert=\"memory_usage\"} " + (double) (2048L << 20) + "\n")
        .contains("localagent_alert_value{alert=\"error_rate\"} NaN\n");
    assertThat(monitor.current()).filteredOn(Alert::firing).extracting(Alert::name).containsExactly(AlertName.MEMORY_USAGE);
  }

  @Test
  void theGaugesReadBackAsTheAlertsTheyCameFrom() {
    var monitor = monitor();
    residentMb = 700;
    tick(monitor);
    tick(monitor);
    var text = new StringBuilder("localagent_gateway_connections_open 3\n");
    monitor.appendPrometheus(text);

    assertThat(AlertGauges.parse(text.toString())).containsExactly(
        new AlertGauges.Reading("plugin_loading", Severity.OK, Double.NaN),
        new AlertGauges.Reading("websocket_throughput", Severity.OK, Double.NaN),
        new AlertGauges.Reading("memory_usage", Severity.WARNING, 700.0 * (1 << 20)),
        new AlertGauges.Reading("error_rate", Severity.OK, Double.NaN));
  }
}
