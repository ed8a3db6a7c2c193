package dev.localagent.core.plugin.internal;

import dev.localagent.core.plugin.PluginInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of resolving discovered plugins: every plugin with its status, the ids that may run
 * in dependency order (dependencies first), which plugins directly depend on each one, and the
 * disabled ids it was resolved with (the saved listing is keyed by them).
 */
public record Resolution(
    List<PluginInfo> plugins, List<String> startOrder, Map<String, List<String>> dependents, SortedSet<String> disabled) {
  public Resolution {
    plugins = List.copyOf(plugins);
    startOrder = List.copyOf(startOrder);
    dependents = Map.copyOf(dependents);
    disabled = Collections.unmodifiableSortedSet(new TreeSet<>(disabled));
  }
}
