package dev.localagent.gateway.internal;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.session.SessionLog;
import java.util.List;

/**
 * One connection's view of one session: live events from a log subscription while the connection
 * keeps up; when its queue is full the subscription is dropped (paused) and, once the connection
 * has drained, the missed events are read back from the log and the subscription resumes after
 * the last one sent. The log is the buffer, so a slow client never grows memory and never loses
 * an event.
 */
final class Attachment {
  private final SessionFeeds.Feed feed;
  private final OutboundQueue out;
  private final GatewayMetrics metrics;
  private final int maxQueued;
  private final Runnable onPause;
  private long lastSeq; // Guarded by this: the last seq queued to the connection.
  private long generation; // Guarded by this: events from older subscriptions are ignored.
  private boolean paused; // Guarded by this.
  private long pausedAtNanos; // Guarded by this.
  private boolean closed; // Guarded by this.
  private SessionLog.Subscription subscription; // Guarded by this.

  Attachment(SessionFeeds.Feed feed, OutboundQueue out, GatewayMetrics metrics, int maxQueued,
      Runnable onPause) {
    this.feed = feed;
    this.out = out;
    this.metrics = metrics;
    this.maxQueued = maxQueued;
    this.onPause = onPause;
  }

  String sessionId() {
    return feed.log.sessionId();
  }

  SessionFeeds.Feed feed() {
    return feed;
  }

  /** Starts delivery of events after {@code fromSeq}; call once, off the log's lock. */
  void start(long fromSeq) {
    long gen;
    long from = Math.clamp(fromSeq, 0, feed.log.lastSeq());
    synchronized (this) {
      lastSeq = from;
      gen = generation;
    }
    subscribeFrom(gen, from);
  }

  /** Whether delivery has been paused without catch-up progress for at least this long. */
  synchronized boolean pausedLongerThan(long nanos) {
    return paused && System.nanoTime() - pausedAtNanos >= nanos;
  }

  /** Runs on the log's appending thread (or the subscribing thread for history). */
  private void onEvent(long gen, SessionEvent event) {
    boolean pausedNow = false;
    synchronized (this) {
      if (gen != generation || paused || closed || event.seq() != lastSeq + 1) {
        return; // A stale subscription, or history this connection already has.
      }
      if (out.queued() >= maxQueued) {
        paused = true;
        pausedAtNanos = System.nanoTime();
        generation++;
        pausedNow = true;
      } else {
        out.offer(feed.encoded(event));
        lastSeq = event.seq();
        metrics.eventsOut.increment();
      }
    }
    if (pausedNow) {
      metrics.connectionsPaused.incrementAndGet();
      onPause.run();
    }
  }

  /**
   * Reads the next missed events from the log into the queue; once caught up, resumes the live
   * subscription. Called on the event loop whenever the connection's queue has drained.
   */
  void catchUp() {
    long from;
    SessionLog.Subscription stale;
    synchronized (this) {
      if (!paused || closed) {
        return;
      }
      from = lastSeq;
      stale = takeSubscription();
    }
    closeQuietly(stale);
    int chunk = Math.max(1, maxQueued / 2);
    List<SessionEvent> missed = feed.log.read(from, chunk);
    metrics.catchUpReads.increment();
    long gen;
    synchronized (this) {
      for (SessionEvent event : missed) {
        if (event.seq() == lastSeq + 1) {
          out.offer(feed.encoded(event));
          lastSeq = event.seq();
          metrics.eventsOut.increment();
        }
      }
      if (!missed.isEmpty()) {
        pausedAtNanos = System.nanoTime(); // Progress: the slow-client clock measures stalls only.
      }
      if (missed.size() >= chunk || closed) {
        return; // More to read after this chunk drains.
      }
      paused = false;
      generation++;
      gen = generation;
      from = lastSeq;
    }
    metrics.connectionsPaused.decrementAndGet();
    subscribeFrom(gen, from);
  }

  private void subscribeFrom(long gen, long fromSeq) {
    SessionLog.Subscription created = feed.log.subscribe(fromSeq, event -> onEvent(gen, event));
    synchronized (this) {
      if (gen == generation && !closed) {
        subscription = created;
        return;
      }
    }
    created.close(); // Paused or closed while subscribing; catch-up will resubscribe.
  }

  // Subscriptions are closed outside this lock: the log may take its own lock to unsubscribe,
  // and live delivery takes the log's lock before this one.
  private SessionLog.Subscription takeSubscription() {
    SessionLog.Subscription taken = subscription;
    subscription = null;
    return taken;
  }

  private static void closeQuietly(SessionLog.Subscription sub) {
    if (sub != null) {
      sub.close();
    }
  }

  void close() {
    boolean wasPaused;
    SessionLog.Subscription stale;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      wasPaused = paused;
      generation++;
      stale = takeSubscription();
    }
    closeQuietly(stale);
    if (wasPaused) {
      metrics.connectionsPaused.decrementAndGet();
    }
  }
}
