package dev.localagent.bench.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code localagent bench subprocess}: commands per second spawning {@code /bin/echo hello} with
 * output captured, sequential and parallel, for shell.exec and plain ProcessBuilder under each
 * JDK launch mechanism, each in a fresh JVM, next to a C posix_spawn loop and Python's
 * subprocess.run measured in the same run.
 */
public final class SubprocessBench {
  /** How much to measure. */
  public record Options(int count, int threads, int runs) {}

  private SubprocessBench() {}

  public static void run(Options options, PrintWriter out) throws Exception {
    Path scratch = Files.createTempDirectory("la-bench-subprocess");
    try {
      var baselines = new Baselines(scratch);
      Path c = baselines.compileC("spawn_loop");
      out.printf("subprocess: /bin/echo hello with stdout captured; %d commands per thread, median of %d runs%n",
          options.count(), options.runs());
      out.printf("machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
      for (int threads : List.of(1, options.threads())) {
        var figures = new Figures();
        String n = Integer.toString(options.count());
        String t = Integer.toString(threads);
        figures.add("C posix_spawn", options.runs(), () -> baselines.rate(List.of(c.toString(), n, t)));
        figures.add("python3 subprocess.run", options.runs(),
            () -> baselines.rate(Baselines.concat(baselines.python("spawn_loop"), n, t)));
        figures.add("shell.exec (localagent)", options.runs(), () -> baselines.rate(java(null, "shellexec", n, t)));
        figures.add("ProcessBuilder default (POSIX_SPAWN)", options.runs(),
            () -> baselines.rate(java(null, "processbuilder", n, t)));
        figures.add("ProcessBuilder VFORK (deprecated)", options.runs(),
            () -> baselines.rate(java("VFORK", "processbuilder", n, t)));
        figures.add("ProcessBuilder FORK", options.runs(), () -> baselines.rate(java("FORK", "processbuilder", n, t)));
        figures.add("FFM posix_spawn (no shell.exec logic)", options.runs(), () -> baselines.rate(java(null, "ffm", n, t)));
        out.printf("%s (%d thread%s), commands/s:%n", threads == 1 ? "sequential" : "parallel", threads,
            threads == 1 ? "" : "s");
        figures.print(out, "cmd/s", "C posix_spawn", "python3 subprocess.run");
        out.println();
      }
    } finally {
      deleteTree(scratch);
    }
  }

  private static List<String> java(String mechanism, String mode, String count, String threads) {
    var argv = new ArrayList<String>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("--enable-native-access=ALL-UNNAMED");
    argv.add("-Xshare:auto");
    if (mechanism != null) {
      argv.add("-Djdk.lang.Process.launchMechanism=" + mechanism);
    }
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), SpawnLoop.class.getName(), mode, count, threads));
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
