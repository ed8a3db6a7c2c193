package dev.localagent.core.mcp;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/**
 * Stable codes for MCP failures; docs/ERRORS.md lists them with their fixes. Call failures come
 * back to the model as tool results with these codes, never as exceptions.
 */
public final class McpErrors {
  /** No server with this name is configured (or it is disabled). */
  public static final ErrorCode UNKNOWN_SERVER = new ErrorCode("LA-MCP-001", ExitCode.NOT_FOUND);

  /** The server could not be started or did not finish the handshake and tool listing in time. */
  public static final ErrorCode START_FAILED = new ErrorCode("LA-MCP-002", ExitCode.FAILURE);

  /** The server process exited, or its connection was lost, while in use. */
  public static final ErrorCode CRASHED = new ErrorCode("LA-MCP-003", ExitCode.FAILURE);

  /** The server answered a call with a protocol error (unknown tool, invalid arguments, ...). */
  public static final ErrorCode CALL_REJECTED = new ErrorCode("LA-MCP-004", ExitCode.FAILURE);

  /** The tool ran and reported an error ({@code isError: true}). */
  public static final ErrorCode TOOL_ERROR = new ErrorCode("LA-MCP-005", ExitCode.FAILURE);

  /** A call ran past {@code mcp.call_timeout}; it was cancelled. */
  public static final ErrorCode CALL_TIMEOUT = new ErrorCode("LA-MCP-006", ExitCode.FAILURE);

  private McpErrors() {}
}
