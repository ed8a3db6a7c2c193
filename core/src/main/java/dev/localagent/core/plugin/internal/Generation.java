package dev.localagent.core.plugin.internal;

import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.plugin.PluginInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consistent view of the plugins: what discovery found, how it resolved, and a slot per
 * runnable plugin. A reload builds a new generation and swaps it in whole.
 */
public record Generation(List<Candidate> candidates, Resolution resolution, Map<String, PluginSlot> slots) {
  public Generation {
    candidates = List.copyOf(candidates);
    slots = Map.copyOf(slots);
  }

  public Candidate candidate(String id) {
    for (Candidate c : candidates) {
      if (c.manifest() != null && c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }

  /** Every tool of a runnable plugin, by name, with the plugin that provides it. */
  public Map<String, Map.Entry<String, ToolSpec>> tools() {
    var tools = new LinkedHashMap<String, Map.Entry<String, ToolSpec>>();
    for (String id : resolution.startOrder()) {
      for (ToolSpec spec : slots.get(id).info().manifest().tools()) {
        tools.put(spec.name(), Map.entry(id, spec));
      }
    }
    return tools;
  }

  public List<PluginInfo> currentInfos() {
    return resolution.plugins().stream()
        .map(info -> slots.containsKey(info.id()) && slots.get(info.id()).info() == info
            ? slots.get(info.id()).currentInfo()
            : info)
        .toList();
  }
}
