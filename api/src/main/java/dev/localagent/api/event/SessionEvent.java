package dev.localagent.api.event;

import java.util.Objects;

/** An event as stored in a session log: its session, its sequence number (1, 2, 3, ...) and time. */
public record SessionEvent(String sessionId, long seq, long timestampMillis, Event event) {
  public SessionEvent {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(event, "event");
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, was " + seq);
    }
  }
}
