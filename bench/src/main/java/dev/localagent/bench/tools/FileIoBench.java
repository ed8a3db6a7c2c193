package dev.localagent.bench.tools;

import dev.localagent.core.tool.builtin.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code localagent bench fileio}: small-file write+read per second, and durable atomic
 * replacements per second (what fs.write does), in this JVM next to C and Python doing the same
 * system calls in the same run, in the same directory tree.
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
      // write in a tmpfs loop). The durable warm-up runs on tmpfs when there is one: the JIT needs
      // the calls, not the disk's fsync latency.
      javaSmall(fresh(scratch, "warm"), Math.max(WARMUP_CALLS, options.files()), data);
      Path warmDir = warmupDirectory(scratch);
      try {
        javaAtomic(warmDir, WARMUP_CALLS, data);
      } finally {
        if (!warmDir.startsWith(scratch)) {
          SubprocessBench.deleteTree(warmDir);
        }
      }
      Jit.awaitQuiet();
      out.printf("Java warm-up: %d small files, %d durable writes in %s%n%n", Math.max(WARMUP_CALLS, options.files()),
          WARMUP_CALLS, warmDir.getParent());
      section(out, "small files, write then read, files/s:", options.runs(), "small", options.files(),
          baselines, c, options.size(), scratch, d -> javaSmall(d, options.files(), data));
      section(out, "durable atomic writes (temp + fsync + rename + dir fsync), writes/s:", options.runs(), "atomic",
          options.atomicWrites(), baselines, c, options.size(), scratch, d -> javaAtomic(d, options.atomicWrites(), data));
    } finally {
      SubprocessBench.deleteTree(scratch);
    }
  }

  @FunctionalInterface
  private interface JavaRun {
    double rate(Path dir) throws Exception;
  }

  private static void section(PrintWriter out, String title, int runs, String mode, int count, Baselines baselines,
      Path c, int size, Path scratch, JavaRun java) throws Exception {
    var figures = new Figures();
    String n = Integer.toString(count);
    String s = Integer.toString(size);
    figures.add("C", runs, () -> baselines.rate(List.of(c.toString(), mode, fresh(scratch, "c").toString(), n, s)));
    figures.add("python3", runs,
        () -> baselines.rate(Baselines.concat(baselines.python("fileio"), mode, fresh(scratch, "py").toString(), n, s)));
    figures.add("localagent (" + (mode.equals("small") ? "Files.write/readAllBytes" : "AtomicFiles.write") + ")",
        runs, () -> java.rate(fresh(scratch, "java")));
    out.println(title);
    figures.print(out, "ops/s", "C", "python3");
    out.println();
  }

  private static double javaSmall(Path dir, int files, byte[] data) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < files; i++) {
      Path file = dir.resolve("f" + i + ".txt");
      Files.write(file, data);
      if (Files.readAllBytes(file).length != data.length) {
        throw new IllegalStateException("short read");
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
