package dev.localagent.cli.commands;

import dev.localagent.bench.agent.AgentLoopBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench agent}: agent-loop overhead and the memory of a long session. */
@Command(
    name = "agent",
    description = "Wall time per tool round trip against a zero-latency fake model server (next to a bare"
        + " HTTP/SSE request), and the RSS of a 1000-turn session.")
public final class BenchAgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--round-trips", defaultValue = "2000", description = "Tool round trips per run (default ${DEFAULT-VALUE}).")
  int roundTrips;

  @Option(names = "--runs", defaultValue = "3", description = "Runs; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--turns", defaultValue = "1000", description = "Turns in the long session (default ${DEFAULT-VALUE}).")
  int turns;

  @Override
  public Integer call() throws Exception {
    AgentLoopBench.run(new AgentLoopBench.Options(roundTrips, runs, turns), spec.commandLine().getOut());
    return 0;
  }
}
