package dev.localagent.core.agent;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.session.SessionLog;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test helpers over event lists and live logs. */
final class Events {
  private Events() {}

  static List<String> types(List<SessionEvent> events) {
    return events.stream().map(e -> e.event().type()).toList();
  }

  static <T extends Event> List<T> of(List<SessionEvent> events, Class<T> type) {
    return events.stream().map(SessionEvent::event).filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits (on a subscription, not a sleep) for the first event after {@code afterSeq} matching. */
  static SessionEvent await(SessionLog log, long afterSeq, Predicate<Event> match) throws InterruptedException {
    var found = new LinkedBlockingQueue<SessionEvent>();
    try (var sub = log.subscribe(afterSeq, e -> { if (match.test(e.event())) found.add(e); })) {
      SessionEvent event = found.poll(30, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("no matching event within 30 s; log: " + log.read(afterSeq, 1000));
      }
      return event;
    }
  }
}
