package dev.localagent.bench.plugins;

import dev.localagent.bench.plugins.PluginBench.Paired;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Eager activation of all N plugins as a long-running process does it once: first thing in a
 * fresh JVM, with nothing compiled and none of the loader's classes loaded yet. Each sample is
 * a child JVM (same Java, class path and flags as the bench) that opens the host and starts every
 * plugin, or loads and starts them with PF4J, and prints the wall and CPU milliseconds of that
 * alone (JVM start-up excluded).
 */
public final class FreshActivation {
  private FreshActivation() {}

  /** Child entry point: {@code ours|pf4j HOME N}; prints "wall-ms cpu-ms". */
  public static void main(String[] args) throws IOException {
    Path home = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    Pf4jLoader.quietLogging(); // Logging started before the clock, for both sides alike.
    double[] sample = switch (args[0]) {
      case "ours" -> PluginBench.timeActivation(PluginBench.locations(home), n);
      case "pf4j" -> PluginBench.timePf4j(PluginBench.pluginDir(home), n);
      default -> throw new IllegalArgumentException("expected ours or pf4j, got " + args[0]);
    };
    System.out.println(sample[0] + " " + sample[1]);
  }

  /** Medians of {@code reps} fresh JVMs per side, started in turns (ours, PF4J, ours, ...). */
  static Paired alternating(int reps, Path home, int n) throws IOException {
    double[] both = PluginBench.alternating(reps, 0, () -> child("ours", home, n), () -> child("pf4j", home, n));
    return new Paired(both[0], both[1], both[2], both[3]);
  }

  private static double[] child(String side, Path home, int n) throws IOException {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FreshActivation.class.getName(),
        side, home.toString(), String.valueOf(n)));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      int code = process.waitFor();
      if (code != 0) {
        throw new IOException("fresh-JVM activation (" + side + ") exited with " + code + ": " + out);
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String[] fields = out.substring(out.lastIndexOf('\n') + 1).split(" ");
    return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
  }
}
