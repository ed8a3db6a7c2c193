package dev.localagent.api.event;

import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.model.Usage;
import java.util.List;
import java.util.Objects;

/** One complete model reply: its text and the tool calls it asked for. */
public record ModelMessage(String text, List<ToolCallRequest> toolCalls, Usage usage)
    implements Event {
  public static final String TYPE = "model.message";

  public ModelMessage {
    Objects.requireNonNull(text, "text");
    toolCalls = List.copyOf(toolCalls);
    usage = usage == null ? Usage.NONE : usage;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
