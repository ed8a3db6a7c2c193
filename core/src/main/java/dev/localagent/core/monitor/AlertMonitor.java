package dev.localagent.core.monitor;

import dev.localagent.core.alerts.PerformanceAlertsConfig;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a {@link MetricSource} every {@code performance_alerts.interval}, evaluates the
 * thresholds, logs and reports every change of severity, and keeps the current alerts for
 * /metrics ({@code localagent_alert_state{alert="..."}}: 0 ok, 1 warning, 2 critical).
 */
public final class AlertMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);

  private final PerformanceAlertsConfig config;
  private final MetricSource source;
  private final Clock clock;
  private final Consumer<Alert> onChange;
  private final AlertEvaluator evaluator;
  private final Map<AlertName, Alert> current = new EnumMap<>(AlertName.class); // Guarded by this.
  private ScheduledExecutorService schedule; // Guarded by this.

  /** @param onChange told about each alert whose severity changed (raised, escalated, cleared) */
  public AlertMonitor(PerformanceAlertsConfig config, MetricSource source, Clock clock, Consumer<Alert> onChange) {
    this.config = config;
    this.source = source;
    this.clock = clock;
    this.onChange = Objects.requireNonNull(onChange);
    this.evaluator = new AlertEvaluator(config);
  }

  /** Samples on a daemon thread every interval until {@link #close()}. */
  public synchronized void start() {
    if (schedule == null) {
      schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("alert-monitor").factory());
      long every = config.interval().toMillis();
      schedule.scheduleAtFixedRate(this::sampleSafely, every, every, TimeUnit.MILLISECONDS);
    }
  }

  private void sampleSafely() {
    try {
      sampleNow();
    } catch (RuntimeException e) {
      LOG.warn("sampling metrics for alerts failed", e); // The next tick tries again.
    }
  }

  /** Takes one sample now, evaluates it, reports changes and returns all alerts. */
  public synchronized List<Alert> sampleNow() {
    List<Alert> alerts = evaluator.evaluate(source.sample(clock.instant()));
    for (Alert alert : alerts) {
      Alert before = current.put(alert.name(), alert);
      Severity was = before == null ? Severity.OK : before.severity();
      if (was != alert.severity()) {
        report(alert, was);
      }
    }
    return alerts;
  }

  private void report(Alert alert, Severity was) {
    if (alert.severity() == Severity.OK) {
      LOG.info("alert cleared: {} ({}, was {})", alert.name().key(), alert.description(), was.word());
    } else {
      LOG.warn("alert {}: {}: {}", alert.severity().word(), alert.name().key(), alert.description());
    }
    onChange.accept(alert);
  }

  /** The alerts after the last sample (none before the first). */
  public synchronized List<Alert> current() {
    return List.copyOf(current.values());
  }

  /** Appends the alert gauges in the Prometheus text format. */
  public void appendPrometheus(StringBuilder out) {
    List<Alert> alerts = current();
    out.append("# HELP localagent_alert_state Alert severity: 0 ok, 1 warning, 2 critical (performance_alerts).\n");
    out.append("# TYPE localagent_alert_state gauge\n");
    for (AlertName name : AlertName.values()) {
      Severity severity = alerts.stream().filter(a -> a.name() == name).findFirst().map(Alert::severity).orElse(Severity.OK);
      out.append("localagent_alert_state{alert=\"").append(name.key()).append("\"} ").append(severity.ordinal()).append('\n');
    }
    out.append("# HELP localagent_alert_value The figure each alert last judged (unit per alert, see docs/MONITORING.md).\n");
    out.append("# TYPE localagent_alert_value gauge\n");
    for (Alert alert : alerts) {
      double value = switch (alert.state()) {
        case AlertState.Normal normal -> normal.value();
        case AlertState.Firing firing -> firing.value();
        case AlertState.NoData none -> Double.NaN;
      };
      out.append("localagent_alert_value{alert=\"").append(alert.name().key()).append("\"} ")
          .append(Double.isNaN(value) ? "NaN" : Double.toString(value)).append('\n');
    }
  }

  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.shutdownNow();
      schedule = null;
    }
  }
}
