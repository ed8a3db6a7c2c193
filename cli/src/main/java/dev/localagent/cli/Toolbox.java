package dev.localagent.cli;

import dev.localagent.cli.commands.PluginsCommand;
import dev.localagent.core.mcp.McpConfig;
import dev.localagent.core.mcp.McpServers;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.policy.PolicyConfig;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.core.tool.builtin.BuiltinTools;
import dev.localagent.core.tool.chain.ChainToolInvoker;

/**
 * The tools one process offers, wired once for {@code run}, {@code chat} and {@code serve}: the
 * built-in tools plus the tools of installed plugins (listed from the plugin index; a plugin's
 * classes load on its first call) and of configured MCP servers (started in the background;
 * their tools join as each comes up), all behind audit, policy and approval.
 */
public record Toolbox(ToolRegistry registry, ToolInvoker invoker, PluginHost plugins, McpServers mcp)
    implements AutoCloseable {

  public static Toolbox open(AppContext context) {
    var registry = new ToolRegistry();
    BuiltinTools.registerAll(registry, context.env());
    PluginHost plugins = PluginsCommand.open(context);
    plugins.registerTools(registry);
    var mcp = new McpServers(context.config().section(McpConfig.SECTION), context.env(), context.workdir(), registry);
    mcp.startInBackground(failure -> context.err().println("warning[" + failure.code().id() + "]: " + failure.getMessage()));
    ToolInvoker invoker = ChainToolInvoker.create(
        registry, context.config().section(PolicyConfig.SECTION), context.dirs(), context.env());
    return new Toolbox(registry, invoker, plugins, mcp);
  }

  /**
   * Waits (up to {@code mcp.startup_timeout}) until every MCP server is up or has failed, so the
   * first prompt of {@code run} and {@code chat} is offered their tools.
   */
  public void awaitMcpServers(AppContext context) {
    try {
      mcp.awaitStartup(context.config().section(McpConfig.SECTION).startupTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    mcp.close();
    plugins.close();
  }
}
