package dev.localagent.bench.tools;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** Waiting for the JIT to finish what a warm-up queued, so its compiler threads stay out of a timed run. */
final class Jit {
  private static final long POLL_MILLIS = 250;
  private static final long MAX_WAIT_MILLIS = 30_000;

  private Jit() {}

  /**
   * Returns once the JIT's total compilation time has not grown for one poll interval (a warm-up
   * that crossed C2's thresholds leaves seconds of compiling queued on a busy machine), or after
   * 30 s. Polling is the only way to observe this: the JVM has no compile-queue-empty event.
   */
  static void awaitQuiet() throws InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
    long last = jit.getTotalCompilationTime();
    while (System.nanoTime() - deadline < 0) {
      Thread.sleep(POLL_MILLIS);
      long now = jit.getTotalCompilationTime();
      if (now == last) {
        return;
      }
      last = now;
    }
  }
}
