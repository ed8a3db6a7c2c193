package dev.localagent.core.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory: resident set from /proc (Linux), heap from the runtime. */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** VmRSS in bytes, or 0 where /proc is not available. */
  public static long residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or an unexpected format: the heap figure is used instead.
    }
    return 0;
  }

  public static long heapUsedBytes() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
