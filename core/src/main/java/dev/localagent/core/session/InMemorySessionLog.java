package dev.localagent.core.session;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A session log held in memory only: for ephemeral sessions, tests and benchmarks. Persistent
 * stores keep the same delivery contract (both delegate to {@link EventHistory}).
 */
public final class InMemorySessionLog implements SessionLog {
  private final String sessionId;
  private final Clock clock;
  private final EventHistory history = new EventHistory(List.of()); // Guarded by this.
  private boolean closed; // Guarded by this.

  public InMemorySessionLog(String sessionId, Clock clock) {
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public InMemorySessionLog(String sessionId) {
    this(sessionId, Clock.systemUTC());
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  @Override
  public synchronized SessionEvent append(Event event) {
    if (closed) {
      throw new IllegalStateException("session log " + sessionId + " is closed");
    }
    var stored = new SessionEvent(sessionId, history.lastSeq() + 1, clock.millis(), event);
    // Delivered under the lock so every subscriber sees events in seq order exactly once.
    history.add(stored);
    return stored;
  }

  @Override
  public synchronized long lastSeq() {
    return history.lastSeq();
  }

  @Override
  public synchronized List<SessionEvent> read(long afterSeq, int max) {
    return history.read(afterSeq, max);
  }

  @Override
  public synchronized Subscription subscribe(long afterSeq, SessionSubscriber subscriber) {
    return history.subscribe(afterSeq, subscriber);
  }

  @Override
  public synchronized void close() {
    closed = true;
    history.clearSubscribers();
  }
}
