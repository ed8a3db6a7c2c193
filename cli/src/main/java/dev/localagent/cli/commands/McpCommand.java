package dev.localagent.cli.commands;

import dev.localagent.cli.AppContext;
import dev.localagent.cli.Subcommands;
import dev.localagent.core.mcp.McpConfig;
import dev.localagent.core.mcp.McpServers;
import dev.localagent.core.tool.ToolRegistry;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent mcp}: the configured MCP servers (docs/MCP.md). */
@Command(
    name = "mcp",
    description = "List configured MCP servers, their tools, and test that they start.")
public final class McpCommand implements Runnable {
  /** Registered by name, only the one a command line names (see {@code Subcommands}). */
  public static final Map<String, Class<?>> SUBCOMMANDS = Subcommands.named(
      "list", McpListCommand.class,
      "tools", McpToolsCommand.class,
      "test", McpTestCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The servers from the config, none started; the caller closes them. */
  static McpServers servers(AppContext context) {
    return new McpServers(context.config().section(McpConfig.SECTION), context.env(), context.workdir(),
        new ToolRegistry());
  }
}
