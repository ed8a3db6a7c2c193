package dev.localagent.bench.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the comparison programs of the tool benchmarks: C sources compiled with gcc into a temp
 * directory at bench time, and Python scripts run with {@code python3 -c}. Each prints
 * {@code "<operations> <seconds>"} on its last line.
 */
final class Baselines {
  private static final String RESOURCES = "/dev/localagent/bench/native/";
  private final Path scratch;

  Baselines(Path scratch) {
    this.scratch = scratch;
  }

  /** Compiles {@code name}.c with gcc -O2; returns the binary. */
  Path compileC(String name) throws IOException, InterruptedException {
    Path source = scratch.resolve(name + ".c");
    Files.writeString(source, resource(name + ".c"));
    Path binary = scratch.resolve(name);
    Result r = run(List.of("gcc", "-O2", "-o", binary.toString(), source.toString(), "-lpthread"));
    if (r.status != 0) {
      throw new IllegalStateException("gcc failed for " + name + ".c: " + r.output);
    }
    return binary;
  }

  /** The argv that runs the bundled Python script {@code name}.py via {@code python3 -c}. */
  List<String> python(String name) {
    return List.of("python3", "-c", resource(name + ".py"));
  }

  /** Runs {@code argv} and returns operations per second from its "<ops> <seconds>" line. */
  double rate(List<String> argv) throws IOException, InterruptedException {
    Result r = run(argv);
    if (r.status != 0) {
      throw new IllegalStateException(String.join(" ", argv.subList(0, 1)) + " failed: " + r.output);
    }
    String[] last = r.output.strip().lines().reduce((a, b) -> b).orElse("").split("\\s+");
    return Double.parseDouble(last[0]) / Double.parseDouble(last[1]);
  }

  static List<String> concat(List<String> head, String... tail) {
    var out = new ArrayList<>(head);
    out.addAll(List.of(tail));
    return out;
  }

  private record Result(int status, String output) {}

  private static Result run(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  private static String resource(String name) {
    try (InputStream in = Baselines.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("bench resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
