package dev.localagent.bench;

import java.util.Collection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link ErrorHandlingBenchmark} with JMH and reports bare vs guarded ns/op and the overhead. */
public final class ErrorBench {
  private ErrorBench() {}

  /**
   * JMH's mean and error per benchmark, plus the median over all measured iterations of all
   * forks: on a shared machine one descheduled iteration can dominate a mean, not a median.
   */
  public record Result(double bareNanos, double bareError, double guardedNanos, double guardedError,
      double bareMedian, double guardedMedian, double bareBytesPerOp, double guardedBytesPerOp) {
    public double overheadPercent() {
      return (guardedNanos / bareNanos - 1) * 100;
    }

    public double medianOverheadPercent() {
      return (guardedMedian / bareMedian - 1) * 100;
    }
  }

  /** The paired overhead: median and quartiles of the per-pair ratios, in percent. */
  public record Paired(double medianPercent, double lowerQuartilePercent, double upperQuartilePercent) {}

  /**
   * Bare and guarded in alternating batches of the same size, in one JVM; the overhead is the
   * median of the per-pair time ratios, with its quartiles as the spread. Adjacent batches see
   * the same machine load, so this stays meaningful on a shared machine where JMH's sequential
   * forks do not.
   */
  public static Paired pairedOverhead(int rounds, int batch) {
    var state = new ErrorHandlingBenchmark();
    long sink = 0;
    double[] ratios = new double[rounds];
    for (int round = -rounds / 2; round < rounds; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        sink += state.bare().toMillis();
      }
      long bare = System.nanoTime() - start;
      start = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        sink += state.guarded().toMillis();
      }
      long guarded = System.nanoTime() - start;
      if (round >= 0) { // the first half-set of rounds only warms up the JIT
        ratios[round] = (double) guarded / bare;
      }
    }
    if (sink == 42) {
      System.out.print(""); // keeps the results alive
    }
    return new Paired((Stats.median(ratios) - 1) * 100, (Stats.percentile(ratios, 25) - 1) * 100,
        (Stats.percentile(ratios, 75) - 1) * 100);
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
        // Bytes allocated per operation: a boundary that allocated on the success path (a
        // capturing lambda the JIT could not scalar-replace, say) would show here whatever the
        // timing noise.
        .addProfiler(GCProfiler.class)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    double bare = Double.NaN;
    double bareError = Double.NaN;
    double guarded = Double.NaN;
    double guardedError = Double.NaN;
    double bareMedian = Double.NaN;
    double guardedMedian = Double.NaN;
    double bareBytes = Double.NaN;
    double guardedBytes = Double.NaN;
    for (var result : results) {
      var primary = result.getPrimaryResult();
      double median = Stats.median(result.getBenchmarkResults().stream()
          .flatMap(b -> b.getIterationResults().stream())
          .mapToDouble(i -> i.getPrimaryResult().getScore()).toArray());
      var allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
      double bytes = allocation == null ? Double.NaN : allocation.getScore();
      if (result.getParams().getBenchmark().endsWith(".bare")) {
        bareBytes = bytes;
        bare = primary.getScore();
        bareError = primary.getScoreError();
        bareMedian = median;
      } else {
        guarded = primary.getScore();
        guardedError = primary.getScoreError();
        guardedMedian = median;
        guardedBytes = bytes;
      }
    }
    return new Result(bare, bareError, guarded, guardedError, bareMedian, guardedMedian, bareBytes, guardedBytes);
  }
}
