package dev.localagent.bench.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Wall time of a whole {@code localagent} process, and file helpers for the benchmark. */
final class ProcessWall {
  private ProcessWall() {}

  /** Median wall milliseconds of running the launcher with {@code home} as HOME and XDG dirs. */
  static double median(int reps, Path launcher, Path home, String... args) throws IOException {
    return PluginBench.median(reps, () -> once(launcher, home, args));
  }

  /** One run's wall milliseconds, and 0 for the CPU figure (the bench does not read a child's CPU). */
  static double[] sample(Path launcher, Path home, String... args) throws IOException {
    return new double[] {once(launcher, home, args), 0};
  }

  private static double once(Path launcher, Path home, String... args) throws IOException {
    var command = new ArrayList<String>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
    builder.directory(home.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      int code = process.waitFor();
      if (code != 0) {
        throw new IOException(launcher + " " + String.join(" ", args) + " exited with " + code);
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  static long countJars(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jar")).count();
    }
  }

  /** Copies the jars of {@code from} into {@code to}, modification times included. */
  static void copyJars(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Files.copy(jar, to.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
