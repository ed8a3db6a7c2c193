package dev.localagent.core.plugin.internal;

import dev.localagent.core.plugin.PluginInfo;
import java.util.List;
import java.util.Map;

/**
 * The outcome of resolving discovered plugins: every plugin with its status, the ids that may run
 * in dependency order (dependencies first), and which plugins directly depend on each one.
 */
public record Resolution(
    List<PluginInfo> plugins, List<String> startOrder, Map<String, List<String>> dependents) {
  public Resolution {
    plugins = List.copyOf(plugins);
    startOrder = List.copyOf(startOrder);
    dependents = Map.copyOf(dependents);
  }
}
