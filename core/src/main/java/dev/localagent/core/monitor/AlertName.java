package dev.localagent.core.monitor;

/** The four alerts of the seed study, named as in the {@code performance_alerts} section. */
public enum AlertName {
  PLUGIN_LOADING("plugin_loading"),
  WEBSOCKET_THROUGHPUT("websocket_throughput"),
  MEMORY_USAGE("memory_usage"),
  ERROR_RATE("error_rate");

  private final String key;

  AlertName(String key) {
    this.key = key;
  }

  /** The config key, also the {@code alert} label on /metrics. */
  public String key() {
    return key;
  }
}
