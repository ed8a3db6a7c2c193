package dev.localagent.api.plugin;

import dev.localagent.api.event.SessionEvent;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** What the host gives a plugin when it starts. Valid until the plugin is stopped. */
public interface PluginContext {

  /** The plugin's id from its manifest. */
  String pluginId();

  /**
   * The plugin's own config section, {@code plugins.settings.<id>} in config.yaml, as plain values
   * (String, Number, Boolean, List, Map). Empty when not configured.
   */
  Map<String, Object> config();

  /** A directory only this plugin writes to; created on first call. */
  Path dataDir();

  /** Where the plugin logs; lines go to the LocalAgent log file tagged with the plugin id. */
  PluginLogger logger();

  /** Where the plugin reports counters and measurements. */
  PluginMetrics metrics();

  /**
   * Calls {@code listener} for every session event from now on, on the thread that appended it;
   * keep it fast. Closing the returned handle stops the calls; the host closes it at stop.
   */
  Subscription subscribe(Consumer<SessionEvent> listener);

  /** A registration that can be cancelled. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
