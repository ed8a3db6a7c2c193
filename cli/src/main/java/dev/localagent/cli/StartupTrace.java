package dev.localagent.cli;

import java.io.PrintStream;

/**
 * Start-up checkpoints for finding where a short command spends its time: with
 * {@code LOCALAGENT_STARTUP_TRACE=1} each {@link #mark} prints the milliseconds since the JVM
 * started and since the previous mark to stderr. Off, a mark is one static boolean test. A
 * profiler or JFR costs more than the 100 ms being measured; these checkpoints cost nothing.
 */
public final class StartupTrace {
  private static final boolean ON = System.getenv("LOCALAGENT_STARTUP_TRACE") != null;
  private static final PrintStream OUT = System.err;
  private static long last = System.nanoTime();

  private StartupTrace() {}

  public static void mark(String what) {
    if (ON) {
      long now = System.nanoTime();
      long tenths = (now - last) / 100_000;
      // StringBuilder, not printf or string concatenation: their first use costs more than most
      // of the steps being measured, and would be charged to the next one.
      OUT.println(new StringBuilder("startup: +").append(tenths / 10).append('.').append(tenths % 10)
          .append(" ms ").append(what));
      last = System.nanoTime();
    }
  }
}
