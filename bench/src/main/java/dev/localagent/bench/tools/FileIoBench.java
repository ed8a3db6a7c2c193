package dev.localagent.bench.tools;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.builtin.AtomicFiles;
import dev.localagent.core.tool.builtin.FsReadTool;
import dev.localagent.core.tool.builtin.FsWriteTool;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code localagent bench fileio}: small files written with fs.write and read back with fs.read
 * (the tools, called in this JVM as the agent calls them) per second, and durable atomic
 * replacements per second (what fs.write does to an existing file), next to C and Python doing
 * the same work for the same guarantees in the same run, in the same directory tree. A C loop
 * with no checks and no fsync (what the seed's file-I/O figure measured) is printed beside.
 */
public final class FileIoBench {
  /** How much to measure: file count for the small-file test, writes for the atomic test. */
  public record Options(int files, int atomicWrites, int size, int runs, Path dir) {}

  private FileIoBench() {}

  public static void run(Options options, PrintWriter out) throws Exception {
    Path scratch = Files.createTempDirectory(options.dir(), "la-bench-fileio");
    try {
      var baselines = new Baselines(scratch);
      Path c = baselines.compileC("fileio");
      out.printf("fileio: %d-byte files in %s; median of %d runs%n", options.size(), scratch, options.runs());
      out.printf("machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
      byte[] data = new byte[options.size()];
      Arrays.fill(data, (byte) 'x');
      // Warm-up, not reported: C2 compiles a method called once per file only after about 5,000
      // calls; before that the Java rows would time profiled C1 code (2-7x the CPU per durable
      // write in a tmpfs loop). It runs on tmpfs when there is one: the JIT needs the calls, not
      // the disk's fsync latency.
      String text = "x".repeat(Math.max(0, options.size() - 1)) + (options.size() > 0 ? "\n" : "");
      Path warmDir = warmupDirectory(scratch);
      try {
        javaTools(Files.createDirectory(warmDir.resolve("tools")), WARMUP_CALLS, text);
        javaAtomic(Files.createDirectory(warmDir.resolve("atomic")), WARMUP_CALLS, data);
      } finally {
        SubprocessBench.deleteTree(warmDir);
      }
      Jit.awaitQuiet();
      out.printf("Java warm-up: %d small files through the tools, %d durable writes in %s%n%n", WARMUP_CALLS,
          WARMUP_CALLS, warmDir.getParent());
      section(out, "small files, fs.write then fs.read of each new file (confined, durable), files/s:",
          options.runs(), "tools", options.files(), baselines, c, options.size(), scratch,
          "localagent fs.write + fs.read", d -> javaTools(d, options.files(), text), true);
      section(out, "durable atomic writes (temp + fsync + rename + dir fsync), writes/s:", options.runs(), "atomic",
          options.atomicWrites(), baselines, c, options.size(), scratch, "localagent (AtomicFiles.write)",
          d -> javaAtomic(d, options.atomicWrites(), data), false);
    } finally {
      SubprocessBench.deleteTree(scratch);
    }
  }

  @FunctionalInterface
  private interface JavaRun {
    double rate(Path dir) throws Exception;
  }

  private static void section(PrintWriter out, String title, int runs, String mode, int count, Baselines baselines,
      Path c, int size, Path scratch, String javaName, JavaRun java, boolean withMinimal) throws Exception {
    var figures = new Figures();
    String n = Integer.toString(count);
    String s = Integer.toString(size);
    figures.add("C", runs, () -> baselines.rate(List.of(c.toString(), mode, fresh(scratch, "c").toString(), n, s)));
    figures.add("python3", runs,
        () -> baselines.rate(Baselines.concat(baselines.python("fileio"), mode, fresh(scratch, "py").toString(), n, s)));
    if (withMinimal) {
      figures.add("C minimal (no checks, no fsync)", runs,
          () -> baselines.rate(List.of(c.toString(), "small", fresh(scratch, "cmin").toString(), n, s)));
    }
    figures.add(javaName, runs, () -> java.rate(fresh(scratch, "java")));
    out.println(title);
    figures.print(out, "ops/s", "C", "python3");
    out.println();
  }

  /**
   * fs.write then fs.read of each of {@code files} new files in {@code dir}, through the tools'
   * {@code call} as the agent's tool invoker makes it (policy and audit are not part of it).
   */
  private static double javaTools(Path dir, int files, String text) throws InterruptedException {
    Tool write = new FsWriteTool();
    Tool read = new FsReadTool();
    long start = System.nanoTime();
    for (int i = 0; i < files; i++) {
      String path = "f" + i + ".txt";
      ToolResult written = write.call(new ToolRequest("w" + i, Map.of("path", path, "content", text), dir),
          ToolOutput.DISCARD);
      ToolResult back = read.call(new ToolRequest("r" + i, Map.of("path", path), dir), ToolOutput.DISCARD);
      if (!written.ok() || !back.ok() || back.content().length() != text.length()) {
        throw new IllegalStateException("fs.write/fs.read failed: " + written + " / " + back);
      }
    }
    return files / ((System.nanoTime() - start) / 1e9);
  }

  private static double javaAtomic(Path dir, int writes, byte[] data) throws Exception {
    Path target = dir.resolve("target.txt");
    long start = System.nanoTime();
    for (int i = 0; i < writes; i++) {
      AtomicFiles.write(target, data);
    }
    return writes / ((System.nanoTime() - start) / 1e9);
  }

  private static final int WARMUP_CALLS = 6000;
  private static final Path TMPFS = Path.of("/dev/shm");

  /** A fresh directory for the durable-write warm-up: on tmpfs when writable, else in the scratch tree. */
  private static Path warmupDirectory(Path scratch) throws java.io.IOException {
    if (Files.isDirectory(TMPFS) && Files.isWritable(TMPFS)) {
      return Files.createTempDirectory(TMPFS, "la-bench-fileio-warm");
    }
    return fresh(scratch, "warm");
  }

  private static int dirs;

  /** A new empty directory per run, so no run sees another's files. */
  private static Path fresh(Path scratch, String prefix) throws java.io.IOException {
    return Files.createDirectory(scratch.resolve(prefix + "-" + (dirs++)));
  }
}
