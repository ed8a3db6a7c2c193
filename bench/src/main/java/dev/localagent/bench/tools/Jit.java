package dev.localagent.bench.tools;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** Waiting for the JIT to finish what a warm-up queued, so its compiler threads stay out of a timed run. */
public final class Jit {
  private static final long POLL_MILLIS = 250;
  private static final long MAX_WAIT_MILLIS = 30_000;

  private Jit() {}

  /** One more slice of warm-up work. */
  @FunctionalInterface
  interface Chunk {
    void run() throws Exception;
  }

  /**
   * Runs {@code chunk} until one run of it, and whatever it queued, leaves the JIT's total
   * compilation time unchanged (the code it runs has reached its final tier), at most
   * {@code maxChunks} times; returns how many chunks ran. A fixed warm-up is not enough: a
   * method called once per operation reaches C2 only after about 5,000 calls, later when the C2
   * queue is long (the thresholds scale with it), and some compiled methods hit an uncommon trap
   * and are compiled again; a JIT that looked quiet after waiting alone still compiled tier-4
   * code of the measured path during the timed part (seen with -XX:+PrintCompilation).
   */
  static int settle(Chunk chunk, int maxChunks) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    awaitQuiet();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return 0;
    }
    for (int i = 1; i <= maxChunks; i++) {
      long before = jit.getTotalCompilationTime();
      chunk.run();
      awaitQuiet();
      if (jit.getTotalCompilationTime() == before) {
        return i;
      }
    }
    return maxChunks;
  }

  /** The JIT's total compilation time so far in milliseconds, or -1 when the JVM does not report it. */
  public static long compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit == null || !jit.isCompilationTimeMonitoringSupported() ? -1 : jit.getTotalCompilationTime();
  }

  /**
   * Returns once the JIT's total compilation time has not grown for one poll interval (a warm-up
   * that crossed C2's thresholds leaves seconds of compiling queued on a busy machine), or after
   * 30 s. Polling is the only way to observe this: the JVM has no compile-queue-empty event.
   */
  public static void awaitQuiet() throws InterruptedException {
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
