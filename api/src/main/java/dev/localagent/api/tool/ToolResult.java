package dev.localagent.api.tool;

import java.util.Objects;

/**
 * The outcome of a tool call, as a value: failures are results with a stable error code, not
 * exceptions, so a failing tool never takes the agent loop down.
 */
public record ToolResult(boolean ok, String content, String errorCode) {
  public ToolResult {
    Objects.requireNonNull(content, "content");
    if (!ok) {
      Objects.requireNonNull(errorCode, "errorCode is required when ok is false");
    }
  }

  public static ToolResult success(String content) {
    return new ToolResult(true, content, null);
  }

  public static ToolResult error(String errorCode, String message) {
    return new ToolResult(false, message, errorCode);
  }
}
