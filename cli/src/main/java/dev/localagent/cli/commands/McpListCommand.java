package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.core.mcp.McpConfig;
import dev.localagent.core.mcp.McpServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent mcp list}: configured servers, without starting them; env values never shown. */
@Command(name = "list", description = "List configured MCP servers (none is started).")
public final class McpListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    Map<String, McpServerConfig> servers = context.config().section(McpConfig.SECTION).servers();
    var rows = new ArrayList<List<String>>();
    servers.forEach((name, server) -> rows.add(List.of(name, server.stdio() ? "stdio" : "http",
        server.enabled() ? "yes" : "no", String.join(",", server.env().keySet()), server.target())));
    if (rows.isEmpty() && !context.json()) {
      context.out().println("no MCP servers configured; add one under mcp.servers in config.yaml (docs/MCP.md)");
      context.out().flush();
      return 0;
    }
    Printer.of(context).table(List.of("name", "transport", "enabled", "env", "target"), rows,
        (style, column, text) -> column.equals("enabled") && text.equals("no") ? style.dim(text) : text);
    return 0;
  }
}
