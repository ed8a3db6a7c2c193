package dev.localagent.cli;

import dev.localagent.core.alerts.PerformanceAlertsConfig;
import dev.localagent.core.monitor.Alert;
import dev.localagent.core.monitor.AlertMonitor;
import dev.localagent.core.monitor.CountingToolInvoker;
import dev.localagent.core.monitor.MetricSample;
import dev.localagent.core.monitor.MetricSource;
import dev.localagent.core.monitor.ProcessMemory;
import dev.localagent.core.monitor.Severity;
import dev.localagent.gateway.GatewayServer;
import dev.localagent.gateway.internal.GatewayMetrics;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * Wires live alerting for {@code serve}: the monitor samples memory, the gateway's delivery
 * counters, tool-call failures and the plugin discovery time, prints each change of an alert on
 * stderr, and adds its gauges to the gateway's /metrics.
 */
public final class ServeMonitoring {
  private ServeMonitoring() {}

  /** Starts sampling; the caller closes the monitor. */
  public static AlertMonitor start(AppContext context, GatewayServer server, CountingToolInvoker calls,
      MetricSample.PluginLoad pluginLoad) {
    GatewayMetrics metrics = server.metrics();
    MetricSource source = now -> new MetricSample(now, ProcessMemory.residentBytes(), ProcessMemory.heapUsedBytes(),
        metrics.eventsOut(), metrics.pausedConnections() > 0, calls.calls(), calls.failures(), pluginLoad);
    PrintWriter err = context.err();
    var monitor = new AlertMonitor(context.config().section(PerformanceAlertsConfig.SECTION), source,
        Clock.systemUTC(), alert -> {
          err.println(line(alert));
          err.flush();
        });
    metrics.addProvider(monitor::appendPrometheus);
    monitor.start();
    return monitor;
  }

  /** {@code alert[warning] memory_usage: resident memory 612 MB, past the warning threshold 500 MB}. */
  static String line(Alert alert) {
    if (alert.severity() == Severity.OK) {
      return "alert cleared: " + alert.name().key() + ": " + alert.description();
    }
    return "alert[" + alert.severity().word() + "] " + alert.name().key() + ": " + alert.description();
  }
}
