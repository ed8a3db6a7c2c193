package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.mcp.McpServerState;
import dev.localagent.core.mcp.McpServers;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent mcp test NAME}: starts one server, does the handshake and lists its tools, then stops it. */
@Command(name = "test", description = "Check that an MCP server starts and lists its tools; exit 1 with an LA-MCP code if not.")
public final class McpTestCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "A server under mcp.servers (a disabled one is tested too).") String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    var report = new LinkedHashMap<String, Object>();
    report.put("name", name);
    try (McpServers servers = McpCommand.servers(context)) {
      var running = (McpServerState.Running) servers.start(name).state();
      report.put("ok", true);
      report.put("server", running.server());
      report.put("protocol_version", running.protocolVersion());
      report.put("tools", running.tools().size());
      report.put("startup_ms", running.startup().toMillis());
      Printer.of(context).print(report, style -> style.green("ok") + "   " + name + ": " + running.server()
          + ", protocol " + running.protocolVersion() + ", " + running.tools().size() + " tool(s), started in "
          + running.startup().toMillis() + " ms");
      return 0;
    } catch (LocalAgentException e) {
      if (!context.json()) {
        throw e; // Printed by Cli with its code and hint.
      }
      report.put("ok", false);
      report.put("code", e.code().id());
      report.put("error", e.getMessage());
      Printer.of(context).print(report, style -> "");
      return e.exitCode().code();
    }
  }
}
