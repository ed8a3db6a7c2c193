package dev.localagent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.core.config.ConfigLoader;
import dev.localagent.core.config.ConfigSchema;
import dev.localagent.core.config.Dirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parse + validate throughput of a configuration in this JVM: the whole loader (YAML with marks,
 * five-layer merge, unknown-key walk, binding to records, record validation) on the given text,
 * next to Jackson parsing the same content as a JSON dict (what the seed measured).
 */
public final class ConfigBench {
  private ConfigBench() {}

  /** First load in this JVM (ms), then loads and JSON-dict parses per CPU-second. */
  public record Result(double firstLoadMillis, double loadsPerSecond, double jsonParsesPerSecond, int bytes) {}

  public static Result run(ConfigSchema schema, String yaml, String json, double seconds) throws Exception {
    Path file = Path.of("/nonexistent/localagent-bench/config.yaml");
    var dirs = new Dirs(Path.of("/nonexistent/c"), Path.of("/nonexistent/d"), Path.of("/nonexistent/s"),
        Path.of("/nonexistent/w"));
    var inputs = new ConfigLoader.Inputs(dirs, Optional.of(file), Map.of(), List.of(), Map.of(file, yaml));
    long start = System.nanoTime();
    var loader = new ConfigLoader(schema);
    if (!loader.load(inputs).ok()) {
      throw new IllegalStateException("the benchmark config does not validate");
    }
    double first = (System.nanoTime() - start) / 1e6;
    double loads = rate(seconds, () -> loader.load(inputs).ok());
    var mapper = new ObjectMapper();
    double parses = rate(seconds, () -> mapper.readValue(json, Map.class).isEmpty());
    return new Result(first, loads, parses, yaml.length());
  }

  @FunctionalInterface
  private interface Work {
    boolean run() throws Exception;
  }

  /**
   * Warms up for twice the measured time, then counts completed runs per CPU-second of this
   * thread. CPU time rather than wall time: on a shared, overloaded machine wall time mostly
   * measures how long the thread waited for a core.
   */
  private static double rate(double seconds, Work work) throws Exception {
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long warmEnd = cpu.getCurrentThreadCpuTime() + (long) (2 * seconds * 1e9);
    boolean sink = false;
    while (cpu.getCurrentThreadCpuTime() < warmEnd) {
      sink ^= work.run();
    }
    long start = cpu.getCurrentThreadCpuTime();
    long end = start + (long) (seconds * 1e9);
    long count = 0;
    while (cpu.getCurrentThreadCpuTime() < end) {
      sink ^= work.run();
      count++;
    }
    if (sink && count < 0) {
      throw new AssertionError("unreachable; keeps the results alive");
    }
    return count / ((cpu.getCurrentThreadCpuTime() - start) / 1e9);
  }
}
