package dev.localagent.cli.commands;

import dev.localagent.api.tool.ToolSpec;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.core.mcp.McpServerState;
import dev.localagent.core.mcp.McpServers;
import dev.localagent.core.session.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent mcp tools NAME}: starts one server and lists its tools as the agent sees them. */
@Command(name = "tools", description = "Start one MCP server and list its tools (with --json: their input schemas).")
public final class McpToolsCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "A server under mcp.servers.") String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    try (McpServers servers = McpCommand.servers(context)) {
      var running = (McpServerState.Running) servers.start(name).state();
      if (context.json()) {
        var tools = new ArrayList<Map<String, Object>>();
        for (ToolSpec tool : running.tools()) {
          var row = new LinkedHashMap<String, Object>();
          row.put("name", tool.name());
          row.put("description", tool.description());
          row.put("input_schema", parse(tool.parametersSchema()));
          tools.add(row);
        }
        Printer.of(context).print(Map.of("server", name, "tools", tools), style -> "");
      } else {
        var rows = running.tools().stream().map(tool -> List.of(tool.name(), firstLine(tool.description()))).toList();
        Printer.of(context).table(List.of("tool", "description"), rows, Printer.CellStyler.NONE);
      }
      return 0;
    }
  }

  private static Object parse(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
