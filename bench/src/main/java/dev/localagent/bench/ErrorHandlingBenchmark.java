package dev.localagent.bench;

import dev.localagent.core.config.Durations;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.Guard;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Error-handling overhead on the success path (seed: 173%): a hot operation called bare and
 * through the error model's boundary ({@link Guard}). The operation parses a config duration,
 * small enough that any wrapper cost would show.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ErrorHandlingBenchmark {
  // Not final, so the JIT cannot fold the parse into a constant.
  String text = "1500ms";

  @Benchmark
  public Duration bare() {
    return Durations.parse(text);
  }

  @Benchmark
  public Duration guarded() {
    return Guard.call(GeneralErrors.INTERNAL, "parsing a duration", () -> Durations.parse(text));
  }
}
