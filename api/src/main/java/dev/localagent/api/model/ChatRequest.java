package dev.localagent.api.model;

import dev.localagent.api.tool.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What is sent to a model: the model name, the conversation, the tools it may call, options. */
public record ChatRequest(
    String model, List<ChatMessage> messages, List<ToolSpec> tools, Map<String, Object> options) {
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
