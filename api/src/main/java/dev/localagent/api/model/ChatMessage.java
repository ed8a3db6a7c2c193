package dev.localagent.api.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation sent to a model. {@code toolCalls} is set on assistant messages
 * that requested tools; {@code toolCallId} on tool messages that answer one.
 */
public record ChatMessage(Role role, String content, List<ToolCallRequest> toolCalls, String toolCallId) {

  /** Who wrote a message. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content, List.of(), null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content, List.of(), null);
  }

  public static ChatMessage assistant(String content, List<ToolCallRequest> toolCalls) {
    return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
  }

  public static ChatMessage tool(String toolCallId, String content) {
    return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
  }
}
