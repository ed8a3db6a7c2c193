package dev.localagent.api.model;

import java.util.Map;
import java.util.Objects;

/** A tool call the model asked for: an id to answer it by, the tool name and parsed arguments. */
public record ToolCallRequest(String id, String name, Map<String, Object> arguments) {
  public ToolCallRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? Map.of() : arguments;
  }
}
