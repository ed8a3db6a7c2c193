package dev.localagent.api.tool;

import java.util.Objects;

/**
 * What a model is told about a tool: its name, what it does, and the JSON Schema of its
 * parameters as JSON text. Known without loading the tool's class.
 */
public record ToolSpec(String name, String description, String parametersSchema) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    parametersSchema =
        parametersSchema == null || parametersSchema.isBlank()
            ? "{\"type\":\"object\",\"properties\":{}}"
            : parametersSchema;
  }
}
