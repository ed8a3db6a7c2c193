package dev.localagent.cli.commands;

import dev.localagent.bench.cluster.ClusterBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench cluster}: Scenario 3, total throughput of 1, 2, ... instances sharing Redis. */
@Command(
    name = "cluster",
    description = "Total turn and event throughput of 1, 2, ... gateway instances sharing one redis-server"
        + " (needs redis-server installed), beside one embedded instance without Redis.")
public final class BenchClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--instances", split = ",", paramLabel = "N,N,...", defaultValue = "1,2,4",
      description = "Instance counts to run (default: ${DEFAULT-VALUE}).")
  int[] instances;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "16",
      description = "Clients, each driving its own session (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
      description = "Seconds per configuration (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws Exception {
    ClusterBench.run(new ClusterBench.Options(instances, clients, seconds), spec.commandLine().getOut());
    return 0;
  }
}
