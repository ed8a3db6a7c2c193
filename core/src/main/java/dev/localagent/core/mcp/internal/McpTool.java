package dev.localagent.core.mcp.internal;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.error.LocalAgentException;
import java.time.Duration;

/**
 * An MCP server's tool as the agent sees it, named {@code mcp.<server>.<tool>}. A call starts
 * the server again if it crashed; every failure is an error result with an LA-MCP code.
 */
final class McpTool implements Tool {
  private final ManagedServer server;
  private final String remoteName;
  private final ToolSpec spec;
  private final Duration timeout;

  McpTool(ManagedServer server, String remoteName, ToolSpec spec, Duration timeout) {
    this.server = server;
    this.remoteName = remoteName;
    this.spec = spec;
    this.timeout = timeout;
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) throws InterruptedException {
    McpConnection connection;
    try {
      connection = server.running();
    } catch (LocalAgentException e) {
      return ToolResult.error(e.code().id(), e.getMessage());
    }
    try {
      return ToolResults.from(connection.call(remoteName, request.arguments(), timeout));
    } catch (Calls.CallFailure failure) {
      server.callFailed(connection, failure);
      return ToolResult.error(failure.code().id(),
          "MCP tool '" + remoteName + "' of server '" + server.name() + "': " + failure.getMessage());
    }
  }

  @Override
  public String toString() {
    return "McpTool[" + spec.name() + "]";
  }
}
