package dev.localagent.api.event;

import java.util.Objects;

/**
 * The outcome of a tool call. {@code errorCode} is null on success and a stable code (e.g.
 * {@code LA-TOOL-003}) on failure.
 */
public record ToolCallFinished(String callId, String tool, boolean ok, String content, String errorCode)
    implements Event {
  public static final String TYPE = "tool.result";

  public ToolCallFinished {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(content, "content");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
