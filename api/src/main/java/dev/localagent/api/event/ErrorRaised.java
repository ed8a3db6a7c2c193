package dev.localagent.api.event;

import java.util.Objects;

/** A failure inside the session, with a stable code such as {@code LA-MODEL-001}. */
public record ErrorRaised(String code, String message) implements Event {
  public static final String TYPE = "error";

  public ErrorRaised {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
