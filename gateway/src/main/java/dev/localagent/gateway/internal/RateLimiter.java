package dev.localagent.gateway.internal;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket for one connection's inbound messages: bursts up to one second's allowance,
 * refilled continuously. Confined to the connection's event loop.
 */
final class RateLimiter {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastRefill = System.nanoTime();
  private long lastReport = Long.MIN_VALUE / 2;

  RateLimiter(int perSecond) {
    this.capacity = perSecond;
    this.perNano = perSecond / (double) SECOND;
    this.tokens = perSecond;
  }

  boolean tryAcquire(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * perNano);
    lastRefill = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** True at most once a second, so refusing a flood does not itself flood the client. */
  boolean shouldReport() {
    long now = System.nanoTime();
    if (now - lastReport >= SECOND) {
      lastReport = now;
      return true;
    }
    return false;
  }
}
