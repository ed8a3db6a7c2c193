package dev.localagent.core.tool;

import dev.localagent.api.tool.ToolResult;

/**
 * Runs a tool call through policy, approval and audit, and returns its result. A denied, unknown
 * or failing tool becomes an error result with a stable code, never an exception.
 */
@FunctionalInterface
public interface ToolInvoker {
  ToolResult invoke(ToolInvocation invocation) throws InterruptedException;
}
