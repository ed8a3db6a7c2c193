package dev.localagent.api.tool;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a tool: a call id, the arguments parsed from JSON (String, Number, Boolean, null,
 * List and Map values), and the workdir the call is confined to.
 */
public record ToolRequest(String callId, Map<String, Object> arguments, Path workdir) {
  public ToolRequest {
    Objects.requireNonNull(callId, "callId");
    arguments = arguments == null ? Map.of() : arguments;
    Objects.requireNonNull(workdir, "workdir");
  }

  /** A required string argument, or null when absent or not a string. */
  public String string(String name) {
    return arguments.get(name) instanceof String s ? s : null;
  }
}
