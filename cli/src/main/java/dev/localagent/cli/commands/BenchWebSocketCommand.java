package dev.localagent.cli.commands;

import dev.localagent.bench.websocket.WebSocketBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent bench websocket}: gateway throughput, latency, set-up and memory beside Node ws. */
@Command(name = "websocket", description = "Gateway broadcast/echo throughput, latency, connection set-up and"
    + " idle memory, side by side with a Node ws server in the same run.")
public final class BenchWebSocketCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--connections", split = ",", paramLabel = "N,N,...",
      defaultValue = "1,5,10,20,100,1000", description = "Broadcast runs (default: ${DEFAULT-VALUE}).")
  int[] connections;

  @Option(names = "--messages", paramLabel = "N", defaultValue = "50000",
      description = "Events per broadcast run, capped so one run delivers at most 1,000,000 (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--setup-connections", paramLabel = "N", defaultValue = "1000",
      description = "Sequential connections timed for set-up, per peer, interleaved between peers"
          + " (default: ${DEFAULT-VALUE}).")
  int setupConnections;

  @Option(names = "--setup-warmup", paramLabel = "N", defaultValue = "-1",
      description = "Untimed set-up connections per peer before the timed ones, the first 500 reported as the"
          + " cold figure (default: as many as --setup-connections).")
  int setupWarmup;

  @Option(names = "--setup-client-warmup", paramLabel = "N", defaultValue = "2000",
      description = "Set-up connections per peer the load generator makes against throwaway servers (then closed)"
          + " before the measured servers start, so its own JIT is not in their cold figure; 0 for none"
          + " (default: ${DEFAULT-VALUE}).")
  int setupClientWarmup;

  @Option(names = "--idle-connections", paramLabel = "N", defaultValue = "10000",
      description = "Idle authenticated connections for RSS per connection; needs ulimit -n above it"
          + " (default: ${DEFAULT-VALUE}).")
  int idleConnections;

  @Option(names = "--echo-connections", paramLabel = "N", defaultValue = "100",
      description = "Connections in the ping/pong echo run, 32 pings in flight each (default: ${DEFAULT-VALUE}).")
  int echoConnections;

  @Option(names = "--echo-seconds", paramLabel = "S", defaultValue = "3",
      description = "Length of the echo run (default: ${DEFAULT-VALUE}).")
  int echoSeconds;

  @Option(names = "--latency-rate", paramLabel = "EVENTS/S", defaultValue = "100000",
      description = "Events/s delivered (over 10 connections) in the latency run (default: ${DEFAULT-VALUE}).")
  int latencyRate;
  @Option(names = "--no-node", description = "Skip the Node ws peer.") boolean noNode;

  @Option(names = "--peers", split = ",", paramLabel = "P,P,...", defaultValue = "batched,unbatched,deflate,node",
      description = "Servers to measure: batched, unbatched, deflate (gateway), node (default: ${DEFAULT-VALUE}).")
  Set<String> peers;

  @Option(names = "--only", split = ",", paramLabel = "S,S,...", defaultValue = "echo,setup,idle,broadcast,latency",
      description = "Scenarios to run: echo, setup, idle, broadcast, latency (default: ${DEFAULT-VALUE}).")
  Set<String> scenarios;

  @Override
  public Integer call() throws Exception {
    Path nodeDir = findNodeDir(Path.of(""));
    var options = new WebSocketBench.Options(connections, messages, setupConnections,
        setupWarmup < 0 ? setupConnections : setupWarmup, setupClientWarmup, idleConnections,
        echoConnections, echoSeconds, latencyRate, !noNode && nodeDir != null, nodeDir, peers, scenarios);
    requireKnown("--peers", peers, WebSocketBench.Options.PEERS);
    requireKnown("--only", scenarios, WebSocketBench.Options.SCENARIOS);
    if (!noNode && nodeDir == null) {
      spec.commandLine().getErr().println("note: testkit/node with node_modules not found; the Node ws peer is skipped");
    }
    new WebSocketBench(options, spec.commandLine().getOut()).run();
    return 0;
  }

  private void requireKnown(String option, Set<String> given, List<String> known) {
    for (String value : given) {
      if (!known.contains(value)) {
        throw new ParameterException(spec.commandLine(), "unknown value '" + value + "' for " + option
            + "; choose from " + String.join(", ", known));
      }
    }
  }

  private static Path findNodeDir(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testkit/node");
      if (Files.isDirectory(candidate.resolve("node_modules/ws"))) {
        return candidate;
      }
    }
    return null;
  }
}
