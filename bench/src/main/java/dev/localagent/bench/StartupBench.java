package dev.localagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a command again and again and records wall time and peak resident memory of each run.
 * Peak RSS comes from GNU time ({@code /usr/bin/time -f %M}), the kernel's own accounting for
 * the child; without it only wall time is reported.
 */
public final class StartupBench {
  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  private StartupBench() {}

  /** One measured command: its label, the command line, median wall ms and median peak RSS MB. */
  public record Result(String label, List<String> command, int runs, double medianMillis,
      double p90Millis, double medianRssMb, int failures) {}

  public static boolean rssAvailable() {
    return Files.isExecutable(GNU_TIME);
  }

  /** A command to time: its label and its command line. */
  public record Command(String label, List<String> command) {}

  public static Result measure(String label, List<String> command, int runs) throws IOException, InterruptedException {
    return measureInterleaved(List.of(new Command(label, command)), runs).getFirst();
  }

  /**
   * Times every command {@code runs} times, one run of each per round (the order rotating by a
   * place each round), so a change in machine load over the minute lands on all of them alike
   * instead of on whichever ran last: on the shared 2-core machine the load moves within seconds.
   */
  public static List<Result> measureInterleaved(List<Command> commands, int runs) throws IOException, InterruptedException {
    int count = commands.size();
    double[][] millis = new double[count][runs];
    double[][] rss = new double[count][runs];
    int[] failures = new int[count];
    for (int round = 0; round < runs; round++) {
      for (int k = 0; k < count; k++) {
        int i = (round + k) % count;
        var full = new ArrayList<String>();
        if (rssAvailable()) {
          full.addAll(List.of(GNU_TIME.toString(), "-f", "%M"));
        }
        full.addAll(commands.get(i).command());
        Path err = Files.createTempFile("startup-bench", ".err");
        long start = System.nanoTime();
        var process = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile()).start();
        int exit = process.waitFor();
        millis[i][round] = (System.nanoTime() - start) / 1e6;
        List<String> lines = Files.readAllLines(err);
        Files.delete(err);
        failures[i] += exit == 0 ? 0 : 1;
        rss[i][round] = rssAvailable() && !lines.isEmpty() ? parseKb(lines.getLast()) / 1024.0 : Double.NaN;
      }
    }
    var results = new ArrayList<Result>();
    for (int i = 0; i < count; i++) {
      results.add(new Result(commands.get(i).label(), commands.get(i).command(), runs, Stats.median(millis[i]),
          Stats.percentile(millis[i], 90), Stats.median(rss[i]), failures[i]));
    }
    return results;
  }

  private static double parseKb(String line) {
    try {
      return Double.parseDouble(line.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The first of these programs found on PATH, for a side-by-side agent CLI comparison. */
  public static List<Path> agentClisOnPath(List<String> names) {
    var found = new ArrayList<Path>();
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (!dir.isEmpty() && Files.isExecutable(candidate)) {
          found.add(candidate);
          break;
        }
      }
    }
    return found;
  }
}
