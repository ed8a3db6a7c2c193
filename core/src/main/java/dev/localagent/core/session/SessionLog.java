package dev.localagent.core.session;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import java.util.List;

/**
 * The append-only, numbered event log of one session: the single source of truth that the CLI,
 * the gateway, the store and the cluster relay all read.
 *
 * <p>Sequence numbers start at 1 and have no gaps. A consumer that has seen up to seq N
 * subscribes with {@code afterSeq = N} and receives N+1 onward: history first, then live events,
 * with no gap and no duplicate.
 */
public interface SessionLog extends AutoCloseable {

  String sessionId();

  /** Appends an event, assigns it the next seq, notifies subscribers, and returns it. */
  SessionEvent append(Event event);

  /**
   * Whether appends from this process can succeed, now or once the store is reachable again: false
   * once the log is closed, or (cluster mode) once another instance writes the session.
   */
  default boolean writable() {
    return true;
  }

  /** The highest seq appended so far; 0 when empty. */
  long lastSeq();

  /** Up to {@code max} stored events with seq greater than {@code afterSeq}, in order. */
  List<SessionEvent> read(long afterSeq, int max);

  /**
   * Delivers every event with seq greater than {@code afterSeq}, history then live, in order,
   * each exactly once. Live events are delivered on the appending thread, so a subscriber must
   * not block; a slow consumer should queue, or close its subscription and read() to catch up.
   */
  Subscription subscribe(long afterSeq, SessionSubscriber subscriber);

  @Override
  void close();

  /** Receives events from a subscription. */
  @FunctionalInterface
  interface SessionSubscriber {
    void onEvent(SessionEvent event);
  }

  /** A live subscription; closing it stops delivery. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
