package dev.localagent.cli.commands;

import dev.localagent.bench.gatewayclient.PoolBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench gateway-client}: request latency through the connection pool vs a fresh connection. */
@Command(
    name = "gateway-client",
    description = "Request latency through the gateway client's connection pool next to a fresh connection"
        + " per request (connect, hello, request, close), against an in-process gateway on loopback.")
public final class BenchGatewayClientCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--requests", defaultValue = "500", description = "Requests per variant per run (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--runs", defaultValue = "3", description = "Alternating runs per variant; medians reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public void run() {
    try {
      PoolBench.run(new PoolBench.Options(requests, runs), spec.commandLine().getOut());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("gateway client benchmark failed: " + e.getMessage(), e);
    }
  }
}
