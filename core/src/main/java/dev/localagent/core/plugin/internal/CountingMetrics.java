package dev.localagent.core.plugin.internal;

import dev.localagent.api.plugin.PluginMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** Keeps plugin counters and the sum of recorded values by {@code <plugin>.<name>}. */
public final class CountingMetrics {
  private final Map<String, DoubleAdder> values = new ConcurrentHashMap<>();

  PluginMetrics forPlugin(String pluginId) {
    return new PluginMetrics() {
      @Override
      public void count(String name, long amount) {
        add(pluginId + "." + name, amount);
      }

      @Override
      public void record(String name, double value) {
        add(pluginId + "." + name, value);
      }
    };
  }

  private void add(String key, double amount) {
    values.computeIfAbsent(key, k -> new DoubleAdder()).add(amount);
  }

  public Map<String, Double> snapshot() {
    var copy = new TreeMap<String, Double>();
    values.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
