package dev.localagent.core.session;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.session.SessionLog.SessionSubscriber;
import dev.localagent.core.session.SessionLog.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The part every session log keeps in memory: its events in seq order and the subscribers they
 * are delivered to, with the {@link SessionLog} delivery contract (history after a seq, then
 * live, each event once). Not thread-safe: the owning log calls it under its own lock, which is
 * what keeps history and live delivery from interleaving. Public for logs in other modules (the
 * cluster's Redis-backed log), which keep the same contract through it.
 */
public final class EventHistory {
  private final List<SessionEvent> events;
  private final List<Registration> subscribers = new CopyOnWriteArrayList<>();

  public EventHistory(List<SessionEvent> loaded) {
    this.events = new ArrayList<>(loaded);
  }

  public long lastSeq() {
    return events.size();
  }

  /** Stores the next event and delivers it to every subscriber. */
  public void add(SessionEvent event) {
    events.add(event);
    for (Registration registration : subscribers) {
      registration.subscriber.onEvent(event);
    }
  }

  public List<SessionEvent> read(long afterSeq, int max) {
    int from = (int) Math.clamp(afterSeq, 0, events.size());
    int to = (int) Math.min(events.size(), (long) from + Math.max(0, max));
    return List.copyOf(events.subList(from, to));
  }

  public Subscription subscribe(long afterSeq, SessionSubscriber subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    for (int i = (int) Math.clamp(afterSeq, 0, events.size()); i < events.size(); i++) {
      subscriber.onEvent(events.get(i));
    }
    var registration = new Registration(subscriber);
    subscribers.add(registration);
    return () -> subscribers.remove(registration);
  }

  public void clearSubscribers() {
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
