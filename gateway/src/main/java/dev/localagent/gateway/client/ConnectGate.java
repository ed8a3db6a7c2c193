package dev.localagent.gateway.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When the pool may try to connect again: after consecutive failures the next attempt waits for
 * the {@link Backoff} delay, shared by every caller, so a down server sees one attempt per wait
 * and not one per waiting lease. The delays it chose are kept (the last few) so tests can check
 * the schedule without timing anything.
 */
final class ConnectGate {
  private static final int KEPT_DELAYS = 32;

  private final Backoff backoff;
  private final RandomGenerator random;
  private final ArrayDeque<Duration> scheduled = new ArrayDeque<>(); // Guarded by this.
  private int failures; // Guarded by this.
  private long notBeforeNanos; // Guarded by this.

  ConnectGate(Backoff backoff, RandomGenerator random) {
    this.backoff = backoff;
    this.random = random;
  }

  /** 0 when a connect may start now, else how long until it may. */
  synchronized long nanosUntilOpen() {
    return failures == 0 ? 0 : Math.max(0, notBeforeNanos - System.nanoTime());
  }

  synchronized void succeeded() {
    failures = 0;
  }

  /** Records a failed connect; returns the wait before the next attempt. */
  synchronized Duration failed() {
    Duration delay = backoff.delay(failures++, random);
    notBeforeNanos = System.nanoTime() + delay.toNanos();
    if (scheduled.size() == KEPT_DELAYS) {
      scheduled.removeFirst();
    }
    scheduled.addLast(delay);
    return delay;
  }

  synchronized int consecutiveFailures() {
    return failures;
  }

  /** The waits chosen after the most recent failures, oldest first. */
  synchronized List<Duration> scheduledDelays() {
    return new ArrayList<>(scheduled);
  }
}
