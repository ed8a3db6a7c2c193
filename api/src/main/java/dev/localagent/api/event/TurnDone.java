package dev.localagent.api.event;

import java.util.Objects;

/** The end of one turn: why it ended and how many model steps it took. */
public record TurnDone(Reason reason, int steps) implements Event {
  public static final String TYPE = "turn.done";

  /** Why a turn ended. */
  public enum Reason {
    COMPLETED,
    CANCELLED,
    MAX_STEPS,
    DENIED,
    ERROR
  }

  public TurnDone {
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
