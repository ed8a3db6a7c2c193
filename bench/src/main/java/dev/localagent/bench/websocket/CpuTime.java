package dev.localagent.bench.websocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]); // Field 14 of the whole line.
    long stime = Long.parseLong(fields[12]); // Field 15.
    return (utime + stime) * NANOS_PER_TICK;
  }

  static long ofThisProcess() throws IOException {
    return ofProcess(ProcessHandle.current().pid());
  }
}
