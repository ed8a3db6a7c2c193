package dev.localagent.api.event;

import java.util.Objects;

/** A streamed fragment of model text; the following {@link ModelMessage} holds the whole. */
public record ModelDelta(String text) implements Event {
  public static final String TYPE = "model.delta";

  public ModelDelta {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
