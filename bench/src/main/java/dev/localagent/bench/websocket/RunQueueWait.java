package dev.localagent.bench.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How long a process's threads were runnable but waiting for a core, summed over its threads, from
 * each thread's {@code /proc/PID/task/TID/schedstat} (time on a core, time waiting on a run
 * queue, time slices). An event due while the thread that would carry it waits for a core is late
 * by that wait however fast the code is: on two shared cores this is the first suspect for a
 * latency tail that no collection pause explains.
 */
record RunQueueWait(long runNanos, long waitNanos, long slices, Map<String, Long> waitByThread,
    Map<String, Long> runByThread) {
  static RunQueueWait ofProcess(long pid) {
    long run = 0;
    long wait = 0;
    long slices = 0;
    var byThread = new TreeMap<String, Long>();
    var runByThread = new TreeMap<String, Long>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        String[] fields;
        String name;
        try {
          fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
          name = threadKind(Files.readString(task.resolve("comm")));
        } catch (NoSuchFileException gone) {
          continue; // The thread ended between the listing and the read.
        }
        run += Long.parseLong(fields[0]);
        wait += Long.parseLong(fields[1]);
        slices += Long.parseLong(fields[2]);
        byThread.merge(name, Long.parseLong(fields[1]), Long::sum);
        runByThread.merge(name, Long.parseLong(fields[0]), Long::sum);
      }
    } catch (NoSuchFileException noSchedstat) {
      return new RunQueueWait(0, 0, 0, Map.of(), Map.of()); // Not Linux, or a kernel without CONFIG_SCHEDSTATS.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunQueueWait(run, wait, slices, byThread, runByThread);
  }

  /** A thread's kind: its name without the number that tells threads of one pool apart. */
  private static String threadKind(String comm) {
    return comm.strip().replaceAll("[-#]?[0-9]+$", "").replace(' ', '_');
  }

  static RunQueueWait ofThisProcess() {
    return ofProcess(ProcessHandle.current().pid());
  }

  /**
   * The difference to an earlier reading. Threads that ended in between take their counts with
   * them, so a difference can undercount, never overcount, a process whose threads come and go.
   */
  RunQueueWait since(RunQueueWait before) {
    return new RunQueueWait(Math.max(0, runNanos - before.runNanos), Math.max(0, waitNanos - before.waitNanos),
        Math.max(0, slices - before.slices), minus(waitByThread, before.waitByThread),
        minus(runByThread, before.runByThread));
  }

  private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
    var difference = new TreeMap<String, Long>();
    now.forEach((name, nanos) -> difference.put(name, Math.max(0, nanos - before.getOrDefault(name, 0L))));
    return difference;
  }

  /** Time the JIT's compiler threads (C1 and C2) spent on a core, per second of the run. */
  double compilerMillisPerSecond(double seconds) {
    long nanos = runByThread.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
        .mapToLong(Map.Entry::getValue).sum();
    return nanos / 1e6 / seconds;
  }

  /** Waiting time per second of the run and per time slice, e.g. {@code 85 ms/s, 21 us per slice}. */
  String describe(double seconds) {
    return String.format("%.0f ms/s, %.0f us per slice", waitNanos / 1e6 / seconds,
        slices == 0 ? 0.0 : waitNanos / 1e3 / slices);
  }

  /** The three kinds of thread that waited longest, e.g. {@code multiThreadIoEv 40, java 12 (ms/s)}. */
  String topWaiters(double seconds) {
    return top(waitByThread, seconds);
  }

  /** The three kinds of thread that ran longest (CPU), in the same form. */
  String topRunners(double seconds) {
    return top(runByThread, seconds);
  }

  private static String top(Map<String, Long> byThread, double seconds) {
    return byThread.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
        .map(e -> String.format("%s %.0f", e.getKey(), e.getValue() / 1e6 / seconds))
        .collect(Collectors.joining(", ", "", " (ms/s)"));
  }
}
