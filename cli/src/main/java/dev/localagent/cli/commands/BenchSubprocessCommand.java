package dev.localagent.cli.commands;

import dev.localagent.bench.tools.SubprocessBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench subprocess}: shell.exec spawn rate next to C and Python. */
@Command(
    name = "subprocess",
    description = "Commands/s spawning /bin/echo with output captured: shell.exec and ProcessBuilder"
        + " launch mechanisms next to C posix_spawn loops and Python subprocess (needs gcc, python3).")
public final class BenchSubprocessCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--count", defaultValue = "1000", description = "Commands per thread per run (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--threads", defaultValue = "2", description = "Threads for the parallel figure (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--runs", defaultValue = "3",
      description = "Runs per variant, taken in rounds over all variants; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", defaultValue = "6000",
      description = "Commands each Java variant runs before it is timed, split over the timed threads; C2 compiles a"
          + " method called once per command only after about 5,000 calls. Then chunks of 1,000 more run until one"
          + " compiles nothing (default ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  public void run() {
    try {
      SubprocessBench.run(new SubprocessBench.Options(count, threads, runs, warmup), spec.commandLine().getOut());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("subprocess benchmark failed: " + e.getMessage(), e);
    }
  }
}
