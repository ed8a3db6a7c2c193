package dev.localagent.cli.commands;

import dev.localagent.bench.ErrorBench;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench errors}: JMH, a hot operation bare vs through the error model. */
@Command(
    name = "errors",
    description = "JMH: error-handling overhead on the success path (bare vs guarded call). Seed: 173%%; target <= 2%%.",
    footer = {"", "Examples:", "  localagent bench errors", "  localagent bench errors --forks 2 --iterations 10"})
public final class BenchErrorsCommand implements Callable<Integer> {
  @Option(names = "--forks", defaultValue = "1", description = "JMH forks (default: ${DEFAULT-VALUE}).")
  int forks;

  @Option(names = "--iterations", defaultValue = "5", description = "Warm-up and measured 1 s iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var context = ((LocalAgentCommand) spec.root().userObject()).contextWithoutConfig();
    var result = ErrorBench.run(forks, iterations);
    var paired = ErrorBench.pairedOverhead(200, 20_000);
    var data = new LinkedHashMap<String, Object>();
    data.put("bare_ns_per_op", result.bareNanos());
    data.put("bare_error_ns", result.bareError());
    data.put("guarded_ns_per_op", result.guardedNanos());
    data.put("guarded_error_ns", result.guardedError());
    data.put("overhead_percent", result.overheadPercent());
    data.put("bare_median_ns_per_op", result.bareMedian());
    data.put("guarded_median_ns_per_op", result.guardedMedian());
    data.put("median_overhead_percent", result.medianOverheadPercent());
    data.put("paired_overhead_percent", paired.medianPercent());
    data.put("paired_overhead_lower_quartile_percent", paired.lowerQuartilePercent());
    data.put("paired_overhead_upper_quartile_percent", paired.upperQuartilePercent());
    data.put("bare_bytes_per_op", result.bareBytesPerOp());
    data.put("guarded_bytes_per_op", result.guardedBytesPerOp());
    data.put("seed_overhead_percent", 173);
    context.err().println(BenchSupport.machine());
    Printer.of(context).print(data, style -> String.format(Locale.ROOT,
        "bare     mean %.2f ± %.2f ns/op, median of iterations %.2f, %.1f bytes/op%n"
            + "guarded  mean %.2f ± %.2f ns/op, median of iterations %.2f, %.1f bytes/op%n"
            + "overhead %.2f%% (means), %.2f%% (medians), %.2f%% (paired alternating batches, quartiles %.2f%% .. %.2f%%);"
            + " seed: 173%%, target <= 2%%",
        result.bareNanos(), result.bareError(), result.bareMedian(), result.bareBytesPerOp(),
        result.guardedNanos(), result.guardedError(), result.guardedMedian(), result.guardedBytesPerOp(),
        result.overheadPercent(), result.medianOverheadPercent(), paired.medianPercent(),
        paired.lowerQuartilePercent(), paired.upperQuartilePercent()));
    return 0;
  }
}
