package dev.localagent.core.session;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A session log held in memory only: for ephemeral sessions, tests and benchmarks. Persistent
 * stores keep the same delivery contract.
 */
public final class InMemorySessionLog implements SessionLog {
  private final String sessionId;
  private final Clock clock;
  private final List<SessionEvent> events = new ArrayList<>(); // Guarded by this.
  private final List<Registration> subscribers = new CopyOnWriteArrayList<>();
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
    var stored = new SessionEvent(sessionId, events.size() + 1L, clock.millis(), event);
    events.add(stored);
    // Delivered under the lock so every subscriber sees events in seq order exactly once.
    for (Registration registration : subscribers) {
      registration.subscriber.onEvent(stored);
    }
    return stored;
  }

  @Override
  public synchronized long lastSeq() {
    return events.size();
  }

  @Override
  public synchronized List<SessionEvent> read(long afterSeq, int max) {
    int from = (int) Math.clamp(afterSeq, 0, events.size());
    int to = (int) Math.min(events.size(), (long) from + Math.max(0, max));
    return List.copyOf(events.subList(from, to));
  }

  @Override
  public synchronized Subscription subscribe(long afterSeq, SessionSubscriber subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    for (int i = (int) Math.clamp(afterSeq, 0, events.size()); i < events.size(); i++) {
      subscriber.onEvent(events.get(i));
    }
    var registration = new Registration(subscriber);
    subscribers.add(registration);
    return () -> subscribers.remove(registration);
  }

  @Override
  public synchronized void close() {
    closed = true;
    subscribers.clear();
  }

  /** Identity wrapper so the same subscriber can be registered twice and removed once. */
  private record Registration(SessionSubscriber subscriber) {
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
