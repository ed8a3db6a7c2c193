package dev.localagent.core.provider;

import dev.localagent.api.tool.ToolSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps tool names to names servers accept. OpenAI allows only {@code [a-zA-Z0-9_-]} in function
 * names, so {@code fs.read} goes out as {@code fs_read} and comes back mapped to its real name.
 */
final class ToolNames {
  private final Map<String, String> fromWire = new HashMap<>();

  ToolNames(List<ToolSpec> specs) {
    for (ToolSpec spec : specs) {
      fromWire.put(toWire(spec.name()), spec.name());
      fromWire.put(spec.name(), spec.name());
    }
  }

  String toWire(String name) {
    return name.replaceAll("[^a-zA-Z0-9_-]", "_");
  }

  /** The real name of a tool the model called; names we do not know pass through unchanged. */
  String fromWire(String wireName) {
    return fromWire.getOrDefault(wireName, wireName);
  }

  boolean known(String name) {
    return fromWire.containsKey(name);
  }
}
