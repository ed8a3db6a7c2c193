package dev.localagent.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link ErrorHandlingBenchmark} with JMH and reports bare vs guarded ns/op and the overhead. */
public final class ErrorBench {
  private ErrorBench() {}

  public record Result(double bareNanos, double bareError, double guardedNanos, double guardedError) {
    public double overheadPercent() {
      return (guardedNanos / bareNanos - 1) * 100;
    }
  }

  public static Result run(int forks, int iterations) throws RunnerException {
    var options = new OptionsBuilder()
        .include(ErrorHandlingBenchmark.class.getName() + "\\.")
        .forks(forks)
        .warmupIterations(iterations)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    double bare = Double.NaN;
    double bareError = Double.NaN;
    double guarded = Double.NaN;
    double guardedError = Double.NaN;
    for (var result : results) {
      var primary = result.getPrimaryResult();
      if (result.getParams().getBenchmark().endsWith(".bare")) {
        bare = primary.getScore();
        bareError = primary.getScoreError();
      } else {
        guarded = primary.getScore();
        guardedError = primary.getScoreError();
      }
    }
    return new Result(bare, bareError, guarded, guardedError);
  }
}
