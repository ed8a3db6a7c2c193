package dev.localagent.core.alerts;

import dev.localagent.core.config.ByteSize;
import dev.localagent.core.config.ConfigSection;
import java.time.Duration;

/**
 * The {@code performance_alerts} section: the thresholds of the seed capacity study, at which a
 * measured figure becomes a warning or a critical alert. {@code serve} evaluates them every
 * {@code interval}, rates over the last {@code window} (core/monitor, docs/MONITORING.md).
 */
public record PerformanceAlertsConfig(
    PluginLoading pluginLoading, WebsocketThroughput websocketThroughput, MemoryUsage memoryUsage,
    ErrorRate errorRate, Duration interval, Duration window) {

  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  public static final PerformanceAlertsConfig DEFAULT = new PerformanceAlertsConfig(
      new PluginLoading(100, Duration.ofSeconds(2), Duration.ofSeconds(5)),
      new WebsocketThroughput(1500, 1000),
      new MemoryUsage(ByteSize.ofMegabytes(500), ByteSize.ofGigabytes(1)),
      new ErrorRate(5, 10, 20), DEFAULT_INTERVAL, DEFAULT_WINDOW);

  public static final ConfigSection<PerformanceAlertsConfig> SECTION =
      new ConfigSection<>("performance_alerts", PerformanceAlertsConfig.class, DEFAULT);

  public PerformanceAlertsConfig {
    pluginLoading = pluginLoading == null ? DEFAULT.pluginLoading : pluginLoading;
    websocketThroughput = websocketThroughput == null ? DEFAULT.websocketThroughput : websocketThroughput;
    memoryUsage = memoryUsage == null ? DEFAULT.memoryUsage : memoryUsage;
    errorRate = errorRate == null ? DEFAULT.errorRate : errorRate;
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    window = window == null ? DEFAULT_WINDOW : window;
    require(interval.toMillis() >= 10, "interval must be at least 10ms");
    // plus, not multipliedBy(2): that goes through BigDecimal, whose class initialisation cost 20-90 ms
    // of every command that loads the config (docs/CAPACITY.md, "Configuration without databind").
    require(window.compareTo(interval.plus(interval)) >= 0, "window must be at least twice the interval");
  }

  /** Loading {@code plugins} plugins taking longer than {@code warning}/{@code critical}. */
  public record PluginLoading(int plugins, Duration warning, Duration critical) {
    public PluginLoading {
      require(plugins >= 1, "plugins must be >= 1");
      require(warning != null && critical != null && warning.compareTo(critical) < 0,
          "warning must be shorter than critical");
    }
  }

  /** Gateway messages per second falling below {@code warning_below}/{@code critical_below}. */
  public record WebsocketThroughput(int warningBelow, int criticalBelow) {
    public WebsocketThroughput {
      require(criticalBelow > 0 && warningBelow > criticalBelow, "warning_below must be above critical_below > 0");
    }
  }

  /** Resident memory of one instance above {@code warning}/{@code critical}. */
  public record MemoryUsage(ByteSize warning, ByteSize critical) {
    public MemoryUsage {
      require(warning != null && critical != null && warning.compareTo(critical) < 0,
          "warning must be smaller than critical");
    }
  }

  /**
   * Share of failed requests above {@code warning_percent}/{@code critical_percent}, judged once
   * the window holds at least {@code min_requests} requests (2 failures of 3 are not a rate).
   */
  public record ErrorRate(double warningPercent, double criticalPercent, Integer minRequests) {
    public ErrorRate {
      require(warningPercent > 0 && warningPercent < criticalPercent && criticalPercent <= 100,
          "need 0 < warning_percent < critical_percent <= 100");
      minRequests = minRequests == null ? 20 : minRequests;
      require(minRequests >= 1, "min_requests must be >= 1");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
