package dev.localagent.core.tool.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Process checks for tests: dead means gone or a zombie (this machine's PID 1 does not reap). */
final class Processes {
  private Processes() {}

  static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false; // no /proc entry: the pid is gone
    }
  }

  /** Waits until {@code pid} is no longer running; false if it still runs after {@code limit}. */
  static boolean awaitDeath(long pid, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (isRunning(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(1_000_000); // a signal is delivered asynchronously; poll its effect
    }
    return true;
  }
}
