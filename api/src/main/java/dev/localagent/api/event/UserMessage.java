package dev.localagent.api.event;

import java.util.Objects;

/** A prompt a person or program submitted to the session. */
public record UserMessage(String text) implements Event {
  public static final String TYPE = "user.message";

  public UserMessage {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
