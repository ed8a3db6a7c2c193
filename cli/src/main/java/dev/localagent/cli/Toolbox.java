package dev.localagent.cli;

import dev.localagent.cli.commands.PluginsCommand;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.policy.PolicyConfig;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.core.tool.builtin.BuiltinTools;
import dev.localagent.core.tool.chain.ChainToolInvoker;

/**
 * The tools one process offers, wired once for {@code run}, {@code chat} and {@code serve}: the
 * built-in tools plus the tools of installed plugins (listed from the plugin index; a plugin's
 * classes load on its first call), all behind audit, policy and approval.
 */
public record Toolbox(ToolRegistry registry, ToolInvoker invoker, PluginHost plugins) implements AutoCloseable {

  public static Toolbox open(AppContext context) {
    var registry = new ToolRegistry();
    BuiltinTools.registerAll(registry, context.env());
    PluginHost plugins = PluginsCommand.open(context);
    plugins.registerTools(registry);
    ToolInvoker invoker = ChainToolInvoker.create(
        registry, context.config().section(PolicyConfig.SECTION), context.dirs(), context.env());
    return new Toolbox(registry, invoker, plugins);
  }

  @Override
  public void close() {
    plugins.close();
  }
}
