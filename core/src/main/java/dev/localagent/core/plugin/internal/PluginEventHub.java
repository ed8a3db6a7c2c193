package dev.localagent.core.plugin.internal;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.plugin.PluginContext.Subscription;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Fans session events out to plugin listeners; a throwing listener never reaches the caller. */
public final class PluginEventHub {
  private record Listener(String pluginId, Consumer<SessionEvent> consumer) {}

  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  Subscription add(String pluginId, Consumer<SessionEvent> consumer) {
    var listener = new Listener(pluginId, consumer);
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void publish(SessionEvent event) {
    for (Listener listener : listeners) {
      try {
        listener.consumer().accept(event);
      } catch (RuntimeException | LinkageError e) {
        Slf4jPluginLogger.forPlugin(listener.pluginId()).error("event listener failed", e);
      }
    }
  }

  public int size() {
    return listeners.size();
  }
}
