package dev.localagent.core.plugin.internal;

import dev.localagent.api.tool.Tool;
import dev.localagent.core.tool.ToolRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps a {@link ToolRegistry} holding exactly the current plugin tools across reloads. */
public final class RegistryBinding {
  private final ToolRegistry registry;
  // Guarded by this.
  private final Map<String, PluginToolProxy> registered = new HashMap<>();

  public RegistryBinding(ToolRegistry registry) {
    this.registry = registry;
  }

  public synchronized void sync(List<Tool> tools) {
    var wanted = new HashMap<String, PluginToolProxy>();
    tools.forEach(t -> wanted.put(t.spec().name(), (PluginToolProxy) t));
    registered.entrySet().removeIf(e -> {
      PluginToolProxy next = wanted.get(e.getKey());
      boolean same = next != null && next.pluginId().equals(e.getValue().pluginId())
          && next.spec().equals(e.getValue().spec());
      if (!same) {
        registry.unregister(e.getKey());
      }
      return !same;
    });
    wanted.forEach((name, proxy) -> {
      if (!registered.containsKey(name)) {
        registry.register(proxy);
        registered.put(name, proxy);
      }
    });
  }
}
