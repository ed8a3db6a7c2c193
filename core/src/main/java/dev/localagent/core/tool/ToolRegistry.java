package dev.localagent.core.tool;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every tool the agent can call, by name: built-in, plugin and MCP tools alike. */
public final class ToolRegistry {
  private final Map<String, Tool> tools = new ConcurrentHashMap<>();

  /**
   * Adds a tool.
   *
   * @throws IllegalArgumentException when another tool already has this name
   */
  public void register(Tool tool) {
    String name = tool.spec().name();
    if (tools.putIfAbsent(name, tool) != null) {
      throw new IllegalArgumentException("a tool named '" + name + "' is already registered");
    }
  }

  /** Removes a tool, e.g. when its plugin is disabled or reloaded. */
  public boolean unregister(String name) {
    return tools.remove(name) != null;
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** The specs of all tools, sorted by name, as offered to the model. */
  public List<ToolSpec> specs() {
    var specs = new ArrayList<ToolSpec>(tools.size());
    tools.values().forEach(tool -> specs.add(tool.spec()));
    specs.sort((a, b) -> a.name().compareTo(b.name()));
    return specs;
  }
}
