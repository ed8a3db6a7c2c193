package dev.localagent.core.mcp;

import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.error.ErrorCode;
import java.time.Duration;
import java.util.List;

/** Where one configured MCP server stands; a closed set, shown by {@code localagent mcp list}. */
public sealed interface McpServerState {
  /** A short lower-case word for tables and JSON. */
  String word();

  /** {@code enabled: false} in the config: never started. */
  record Disabled() implements McpServerState {
    public String word() {
      return "disabled";
    }
  }

  /** Not started yet in this process (servers start in the background or on first use). */
  record Idle() implements McpServerState {
    public String word() {
      return "idle";
    }
  }

  /** Spawned or connecting; the handshake and tool listing are under way. */
  record Starting() implements McpServerState {
    public String word() {
      return "starting";
    }
  }

  /**
   * Up: the handshake is done and its tools are registered.
   *
   * @param server the name and version the server reported about itself
   * @param tools the tools as registered, with their {@code mcp.<server>.} names
   */
  record Running(String server, String protocolVersion, List<ToolSpec> tools, Duration startup)
      implements McpServerState {
    public Running {
      tools = List.copyOf(tools);
    }

    public String word() {
      return "running";
    }
  }

  /** Could not start, or crashed; {@code code} is an {@link McpErrors} code. */
  record Failed(ErrorCode code, String message) implements McpServerState {
    public String word() {
      return "failed";
    }
  }
}
