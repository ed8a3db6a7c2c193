package dev.localagent.api.tool;

/**
 * A capability the agent can call: built in (files, shell, search), from a plugin, or from an MCP
 * server. Implementations must be safe to call from several threads at once.
 */
public interface Tool {

  /** The tool's name, description and parameter schema. */
  ToolSpec spec();

  /**
   * Runs one call. Streams output to {@code output}; returns failures as {@link
   * ToolResult#error}. A cancelled call sees its thread interrupted and should return promptly.
   */
  ToolResult call(ToolRequest request, ToolOutput output) throws InterruptedException;
}
