package dev.localagent.core.plugin.internal;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.plugin.PluginContext;
import dev.localagent.api.plugin.PluginLogger;
import dev.localagent.api.plugin.PluginMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The context one started plugin sees; its subscriptions end when the plugin stops. */
final class HostPluginContext implements PluginContext {
  private final String pluginId;
  private final Map<String, Object> config;
  private final Path dataDir;
  private final PluginEventHub events;
  private final PluginMetrics metrics;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  HostPluginContext(String pluginId, Map<String, Object> config, Path dataDir, PluginEventHub events, PluginMetrics metrics) {
    this.pluginId = pluginId;
    this.config = config == null ? Map.of() : Map.copyOf(config);
    this.dataDir = dataDir;
    this.events = events;
    this.metrics = metrics;
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public Map<String, Object> config() {
    return config;
  }

  @Override
  public Path dataDir() {
    try {
      return Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory of plugin " + pluginId, e);
    }
  }

  @Override
  public PluginLogger logger() {
    return Slf4jPluginLogger.forPlugin(pluginId);
  }

  @Override
  public PluginMetrics metrics() {
    return metrics;
  }

  @Override
  public Subscription subscribe(Consumer<SessionEvent> listener) {
    Subscription subscription = events.add(pluginId, listener);
    subscriptions.add(subscription);
    return subscription;
  }

  void closeSubscriptions() {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
  }
}
