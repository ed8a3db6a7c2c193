package dev.localagent.api.event;

import java.util.Objects;

/** A streamed piece of a running tool's output; {@code stream} is "stdout" or "stderr". */
public record ToolOutputChunk(String callId, String stream, String chunk) implements Event {
  public static final String TYPE = "tool.output";

  public ToolOutputChunk {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(chunk, "chunk");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
