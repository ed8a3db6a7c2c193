package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.error.ErrorCode;

/**
 * A tool call that cannot go on, raised inside a built-in tool and turned into a {@link
 * ToolResult#error} at the tool's boundary, so helpers can stop early without threading results.
 */
final class ToolFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;

  ToolFailure(ErrorCode code, String message) {
    // No stack trace: this is control flow for an expected failure, not a bug report.
    super(message, null, false, false);
    this.code = code;
  }

  ToolResult result() {
    return ToolResult.error(code.id(), getMessage());
  }
}
