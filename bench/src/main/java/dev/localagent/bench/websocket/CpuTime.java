package dev.localagent.bench.websocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by a process, from {@code /proc/PID/stat}. On a shared machine the CPU spent per
 * delivered event is steadier than events per wall-clock second, which also counts the time a
 * process waited for a core that someone else held.
 */
final class CpuTime {
  /** Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every common build. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private CpuTime() {}

  static long ofProcess(long pid) throws IOException {
    return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
  }

  private static long ticks(String stat) {
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]); // Field 14 of the whole line.
    long stime = Long.parseLong(fields[12]); // Field 15.
    return (utime + stime) * NANOS_PER_TICK;
  }

  /**
   * CPU time of process {@code pid} by kind of thread: each thread's name (/proc/PID/task/TID/comm,
   * which Linux cuts at 15 characters) without its digits, so "C2 CompilerThread0" and "...1" are
   * one kind, as are the event loops "multiThreadIoEventLoopGroup-3-1", "-3-2", ... A thread that
   * exits meanwhile takes its time with it, so differences of two calls are lower bounds.
   */
  static Map<String, Long> byThreadKind(long pid) throws IOException {
    var kinds = new TreeMap<String, Long>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String kind = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "");
          kinds.merge(kind, ticks(Files.readString(task.resolve("stat"))), Long::sum);
        } catch (IOException threadGone) {
          // The thread exited between the listing and the read.
        }
      }
    }
    return kinds;
  }

  static long ofThisProcess() throws IOException {
    return ofProcess(ProcessHandle.current().pid());
  }
}
