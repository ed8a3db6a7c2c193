package dev.localagent.core.plugin.internal;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.PluginErrors;

/**
 * A plugin tool as the agent sees it: the spec comes from the index, so listing it loads no
 * plugin class; the first {@link #call} activates the plugin. Every failure, including an
 * exception thrown by the plugin, comes back as an error result with a stable code.
 */
public final class PluginToolProxy implements Tool {
  private final String pluginId;
  private final ToolSpec spec;
  private final SlotLookup slots;

  public PluginToolProxy(String pluginId, ToolSpec spec, SlotLookup slots) {
    this.pluginId = pluginId;
    this.spec = spec;
    this.slots = slots;
  }

  public String pluginId() {
    return pluginId;
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) throws InterruptedException {
    PluginRuntime runtime;
    try {
      runtime = slots.enter(pluginId);
    } catch (LocalAgentException e) {
      return ToolResult.error(e.code().id(), e.getMessage());
    }
    try {
      Tool tool = runtime.tools.get(spec.name());
      if (tool == null) {
        return ToolResult.error(PluginErrors.UNDECLARED_CONTRIBUTION.id(),
            "plugin '" + pluginId + "' declares tool '" + spec.name() + "' in its manifest but does not provide it");
      }
      return PluginRuntime.withLoader(runtime.loader, () -> tool.call(request, output));
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
      return ToolResult.error(PluginErrors.CALL_FAILED.id(),
          "tool '" + spec.name() + "' of plugin '" + pluginId + "' failed: " + e);
    } finally {
      runtime.exit();
    }
  }

  @Override
  public String toString() {
    return "PluginTool[" + pluginId + "/" + spec.name() + "]";
  }
}
