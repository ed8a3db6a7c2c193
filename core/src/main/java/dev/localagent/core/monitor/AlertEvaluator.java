package dev.localagent.core.monitor;

import dev.localagent.core.alerts.PerformanceAlertsConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * Turns a stream of {@link MetricSample}s into the four alerts of {@code performance_alerts}.
 * Pure and single-threaded: time comes only from the samples, so tests drive it with synthetic
 * samples and no clock. Rates (throughput, error rate) are taken over the configured window.
 */
public final class AlertEvaluator {
  /** Below this many plugins the load time is mostly fixed costs; scaling it to 100 would mislead. */
  static final int MIN_PLUGINS = 10;

  private final PerformanceAlertsConfig config;
  private final ArrayDeque<MetricSample> window = new ArrayDeque<>();
  private final Hysteresis pluginLoading;
  private final Hysteresis throughput;
  private final Hysteresis memory;
  private final Hysteresis errorRate;

  public AlertEvaluator(PerformanceAlertsConfig config) {
    this.config = config;
    var loading = config.pluginLoading();
    pluginLoading = new Hysteresis(new Threshold.Above(loading.warning().toMillis(), loading.critical().toMillis()));
    var ws = config.websocketThroughput();
    throughput = new Hysteresis(new Threshold.Below(ws.warningBelow(), ws.criticalBelow()));
    var mem = config.memoryUsage();
    memory = new Hysteresis(new Threshold.Above(mem.warning().bytes(), mem.critical().bytes()));
    var errors = config.errorRate();
    errorRate = new Hysteresis(new Threshold.Above(errors.warningPercent(), errors.criticalPercent()));
  }

  /** Takes one sample (samples must come in time order) and returns all four alerts after it. */
  public List<Alert> evaluate(MetricSample sample) {
    window.addLast(sample);
    while (Duration.between(window.peekFirst().at(), sample.at()).compareTo(config.window()) > 0) {
      window.removeFirst();
    }
    return List.of(pluginLoading(sample), throughput(sample), memory(sample), errorRate(sample));
  }

  private Alert pluginLoading(MetricSample sample) {
    MetricSample.PluginLoad load = sample.pluginLoad();
    if (load == null || load.plugins() < MIN_PLUGINS) {
      String reason = load == null ? "no plugin discovery measured"
          : load.plugins() + " plugin(s), fewer than " + MIN_PLUGINS + " to scale to " + config.pluginLoading().plugins();
      return new Alert(AlertName.PLUGIN_LOADING, pluginLoading.noData(reason), reason);
    }
    int per = config.pluginLoading().plugins();
    double scaledMillis = load.took().toNanos() / 1e6 * per / load.plugins();
    AlertState state = pluginLoading.next(scaledMillis, sample.at());
    return new Alert(AlertName.PLUGIN_LOADING, state, String.format(Locale.ROOT,
        "loading %d plugins took %d ms, %.0f ms per %d%s", load.plugins(), load.took().toMillis(), scaledMillis, per,
        suffix(state, "ms")));
  }

  private Alert throughput(MetricSample sample) {
    MetricSample first = window.peekFirst();
    double seconds = Duration.between(first.at(), sample.at()).toNanos() / 1e9;
    long backlogged = window.stream().filter(MetricSample::backlogged).count();
    boolean filled = seconds * 2 >= config.window().toNanos() / 1e9;
    if (!filled || backlogged * 2 < window.size()) {
      String reason = !filled ? "window not filled yet"
          : "no backlog: clients got every event offered";
      return new Alert(AlertName.WEBSOCKET_THROUGHPUT, throughput.noData(reason), reason);
    }
    double rate = (sample.delivered() - first.delivered()) / seconds;
    AlertState state = throughput.next(rate, sample.at());
    return new Alert(AlertName.WEBSOCKET_THROUGHPUT, state, String.format(Locale.ROOT,
        "%.0f events/s delivered while clients had a backlog%s", rate, suffix(state, "events/s")));
  }

  private Alert memory(MetricSample sample) {
    boolean resident = sample.residentBytes() > 0;
    long bytes = resident ? sample.residentBytes() : sample.heapUsedBytes();
    AlertState state = memory.next(bytes, sample.at());
    return new Alert(AlertName.MEMORY_USAGE, state, String.format(Locale.ROOT, "%s %d MB%s",
        resident ? "resident memory" : "heap in use", bytes >> 20, suffix(state, "bytes")));
  }

  private Alert errorRate(MetricSample sample) {
    MetricSample first = window.peekFirst();
    long requests = sample.requests() - first.requests();
    if (requests < config.errorRate().minRequests()) {
      String reason = requests + " request(s) in the window, fewer than " + config.errorRate().minRequests();
      return new Alert(AlertName.ERROR_RATE, errorRate.noData(reason), reason);
    }
    double percent = 100.0 * (sample.failures() - first.failures()) / requests;
    AlertState state = errorRate.next(percent, sample.at());
    return new Alert(AlertName.ERROR_RATE, state, String.format(Locale.ROOT,
        "%.1f%% of %d requests failed%s", percent, requests, suffix(state, "%")));
  }

  private static String suffix(AlertState state, String unit) {
    if (!(state instanceof AlertState.Firing firing)) {
      return "";
    }
    String level = unit.equals("bytes") ? ((long) firing.threshold() >> 20) + " MB"
        : String.format(Locale.ROOT, "%.0f %s", firing.threshold(), unit).replace(" %", "%");
    return ", past the " + firing.severity().word() + " threshold " + level;
  }
}
