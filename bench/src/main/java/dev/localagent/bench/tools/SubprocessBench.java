package dev.localagent.bench.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code localagent bench subprocess}: commands per second spawning {@code /bin/echo hello} with
 * output captured, sequential and parallel, for shell.exec and plain ProcessBuilder under each
 * JDK launch mechanism, each in a fresh JVM after a warm-up, next to C posix_spawn loops and
 * Python's subprocess measured in the same run. The ratios are to the C loop and Python doing
 * the same work as shell.exec (own session, stdin from /dev/null, stdout and stderr captured,
 * working directory set, group killed at the end); the minimal loops are shown beside them.
 */
public final class SubprocessBench {
  static final String C_SAME = "C posix_spawn, same work";
  static final String PYTHON_SAME = "python3 subprocess, same work";
  static final String SHELL_PLATFORM = "shell.exec (platform threads)";
  static final String SHELL_VIRTUAL = "shell.exec (virtual threads)";

  /** How much to measure. */
  public record Options(int count, int threads, int runs, int warmup) {}

  private SubprocessBench() {}

  public static void run(Options options, PrintWriter out) throws Exception {
    Path scratch = Files.createTempDirectory("la-bench-subprocess");
    try {
      var baselines = new Baselines(scratch);
      Path c = baselines.compileC("spawn_loop");
      out.printf("subprocess: /bin/echo hello with output captured; %d commands per thread after %d warm-up"
          + " commands split over the threads and then until the JIT compiles nothing more (Java), median of %d"
          + " runs taken in rounds (one run of every variant per round)%n", options.count(), options.warmup(),
          options.runs());
      out.printf("machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
      for (int threads : List.of(1, options.threads())) {
        out.printf("%s (%d thread%s), commands/s:%n", threads == 1 ? "sequential" : "parallel", threads,
            threads == 1 ? "" : "s");
        Figures figures = measure(baselines, c, options, threads);
        figures.print(out, "cmd/s", C_SAME, PYTHON_SAME);
        figures.printPaired(out, List.of(SHELL_PLATFORM, SHELL_VIRTUAL), C_SAME, PYTHON_SAME);
        out.println();
      }
    } finally {
      deleteTree(scratch);
    }
  }

  private static Figures measure(Baselines baselines, Path c, Options options, int threads) throws Exception {
    String n = Integer.toString(options.count());
    String t = Integer.toString(threads);
    String w = Integer.toString(options.warmup());
    var variants = new LinkedHashMap<String, Figures.Measure>();
    variants.put(C_SAME, () -> baselines.rate(List.of(c.toString(), n, t, "same-work")));
    variants.put(PYTHON_SAME, () -> baselines.rate(Baselines.concat(baselines.python("spawn_loop"), n, t, "same-work")));
    variants.put("C posix_spawn, minimal", () -> baselines.rate(List.of(c.toString(), n, t, "minimal")));
    variants.put("python3 subprocess.run, minimal",
        () -> baselines.rate(Baselines.concat(baselines.python("spawn_loop"), n, t, "minimal")));
    variants.put(SHELL_PLATFORM, () -> baselines.rate(java(null, "shellexec", n, t, w)));
    variants.put(SHELL_VIRTUAL, () -> baselines.rate(java(null, "shellexec-virtual", n, t, w)));
    variants.put("ProcessBuilder default (POSIX_SPAWN)", () -> baselines.rate(java(null, "processbuilder", n, t, w)));
    variants.put("ProcessBuilder VFORK (deprecated)", () -> baselines.rate(java("VFORK", "processbuilder", n, t, w)));
    variants.put("FFM posix_spawn (no shell.exec logic)", () -> baselines.rate(java(null, "ffm", n, t, w)));
    var figures = new Figures();
    figures.addInRounds(options.runs(), variants);
    return figures;
  }

  private static List<String> java(String mechanism, String mode, String count, String threads, String warmup) {
    var argv = new ArrayList<String>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("--enable-native-access=ALL-UNNAMED");
    argv.add("-Xshare:auto");
    if (mechanism != null) {
      argv.add("-Djdk.lang.Process.launchMechanism=" + mechanism);
    }
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), SpawnLoop.class.getName(), mode, count,
        threads, warmup));
    return argv;
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
