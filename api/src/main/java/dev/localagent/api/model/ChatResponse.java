package dev.localagent.api.model;

import java.util.List;
import java.util.Objects;

/** A complete model reply after its stream ended. */
public record ChatResponse(String text, List<ToolCallRequest> toolCalls, Usage usage, String finishReason) {
  public ChatResponse {
    Objects.requireNonNull(text, "text");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = usage == null ? Usage.NONE : usage;
  }
}
