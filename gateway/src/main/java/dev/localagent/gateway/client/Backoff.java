package dev.localagent.gateway.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the n-th consecutive failure (n from 0) wait
 * {@code min(max, initial * multiplier^n)}, of which the fraction {@code jitter} is drawn at random,
 * so clients dropped together (a server restart) do not all come back in the same millisecond.
 *
 * @param initial the ceiling after the first failure
 * @param max the ceiling never exceeds this
 * @param multiplier growth per failure, >= 1
 * @param jitter 0 for fixed waits; 0.5 waits between half the ceiling and all of it
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {
  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1.0 || jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("backoff: need 0 <= initial <= max, multiplier >= 1, jitter 0..1");
    }
  }

  /** The longest wait after failure number {@code attempt} (0-based): the schedule without jitter. */
  public Duration ceiling(int attempt) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt));
    return Duration.ofMillis((long) Math.min(max.toMillis(), millis));
  }

  /** The wait after failure number {@code attempt}: between {@code (1 - jitter)} and 1 times the ceiling. */
  public Duration delay(int attempt, RandomGenerator random) {
    long ceiling = ceiling(attempt).toMillis();
    long jittered = (long) (ceiling * jitter);
    long floor = ceiling - jittered;
    return Duration.ofMillis(jittered == 0 ? ceiling : floor + random.nextLong(jittered + 1));
  }
}
