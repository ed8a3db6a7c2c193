package dev.localagent.api.plugin;

/** Counters and measurements a plugin reports; names are prefixed with the plugin id by the host. */
public interface PluginMetrics {
  /** Adds {@code amount} to the counter {@code name}. */
  void count(String name, long amount);

  /** Records one measurement, e.g. a duration in milliseconds. */
  void record(String name, double value);

  /** Metrics that go nowhere. */
  PluginMetrics NONE =
      new PluginMetrics() {
        @Override
        public void count(String name, long amount) {}

        @Override
        public void record(String name, double value) {}
      };
}
