package dev.localagent.api.event;

import java.util.Map;
import java.util.Objects;

/** A tool call the agent is about to run, after policy allowed it. */
public record ToolCallStarted(String callId, String tool, Map<String, Object> arguments)
    implements Event {
  public static final String TYPE = "tool.call";

  public ToolCallStarted {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    arguments = arguments == null ? Map.of() : arguments;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
