package dev.localagent.bench.websocket;

import dev.localagent.bench.tools.Jit;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Connection set-up time, every peer in the same rounds: connection i goes to each peer in turn
 * (gateway, Node, gateway, Node, ...), so both are timed by a load generator in the same JIT state
 * and under the same load from the rest of the machine, which on a shared box swings more than
 * the difference being measured. A cold round (each server's first connections, reported) is
 * followed by warm-up rounds until the requested warm-up count is reached, then the timed round.
 *
 * <p>The load generator is a JVM too, and its own first connections are slow for every peer (its
 * JIT compiles Netty's client side while it times). So before any measured server starts, it warms
 * up against throwaway servers of each kind (started, used and closed; never the measured ones)
 * and waits for its own JIT to go quiet: the cold round is then a fresh server's cold cost, not the
 * load generator's.
 *
 * <p>Each connection is split into three phases on the load generator: {@code tcp} from the
 * connect call to the socket being connected (the kernel's loopback handshake, no server code
 * runs), {@code upgrade} from there to the 101 response read and the client pipeline switched to
 * WebSocket (the server's work: accept, pipeline, HTTP decode, checks, handshake, response), and
 * {@code wake} from there to the timing thread holding the channel (the load generator's hand-off).
 */
final class SetupBench {
  /** The first round a fresh server sees: reported as the cold figure, never the measured one. */
  private static final int COLD_CONNECTIONS = 500;

  /** Starts a server of one kind under the given name (a fresh process each call). */
  @FunctionalInterface
  interface ServerStarter {
    PeerProcess start(String name) throws IOException;
  }

  /** One kind of server under test: started once as a throwaway for the load generator's warm-up, once measured. */
  record PeerKind(String name, ServerStarter starter) {}

  private record Peer(PeerProcess server, LoadClient client) {}

  private record Figure(String peer, double p50Millis, double p99Millis, double upgradeP50Millis) {}

  private final PrintWriter out;
  private final int connections;
  private final int warmup;
  private final int coldConnections;
  private final int clientWarmup;

  SetupBench(PrintWriter out, int connections, int warmup, int clientWarmup) {
    this(out, connections, warmup, clientWarmup, COLD_CONNECTIONS);
  }

  SetupBench(PrintWriter out, int connections, int warmup, int clientWarmup, int coldConnections) {
    this.out = out;
    this.connections = connections;
    this.warmup = warmup;
    this.clientWarmup = clientWarmup;
    this.coldConnections = coldConnections;
  }

  /**
   * Warms the load generator against throwaway servers of these kinds, then starts a fresh server
   * of each kind and runs the cold, warm-up and timed rounds over them, printing each one's figures.
   */
  void run(List<PeerKind> kinds) throws Exception {
    warmLoadGenerator(kinds);
    var servers = new ArrayList<PeerProcess>();
    try {
      for (PeerKind kind : kinds) {
        servers.add(kind.starter().start(kind.name()));
      }
      measure(servers);
    } finally {
      servers.forEach(PeerProcess::close);
    }
  }

  /**
   * {@code clientWarmup} interleaved connections per kind against throwaway servers, in rounds like
   * the measured ones; then the throwaway servers are closed and this JVM's JIT is let finish what
   * the warm-up queued, so neither its compiler threads nor its profiling code time the cold round.
   */
  private void warmLoadGenerator(List<PeerKind> kinds) throws Exception {
    if (clientWarmup <= 0) {
      return;
    }
    var peers = new ArrayList<Peer>();
    try {
      for (PeerKind kind : kinds) {
        peers.add(connectTo(kind.starter().start("throwaway " + kind.name())));
      }
      for (int done = 0; done < clientWarmup; done += coldConnections) {
        round(peers, Math.min(coldConnections, clientWarmup - done), "load generator warm-up");
      }
    } finally {
      for (Peer peer : peers) {
        peer.client().close();
        peer.server().close();
      }
    }
    Jit.awaitQuiet();
  }

  private static Peer connectTo(PeerProcess server) {
    return new Peer(server, new LoadClient(URI.create("ws://127.0.0.1:" + server.port + "/v1/ws"), false, 1));
  }

  private void measure(List<PeerProcess> servers) throws Exception {
    var peers = new ArrayList<Peer>();
    try {
      for (PeerProcess server : servers) {
        peers.add(connectTo(server));
      }
      int cold = Math.min(coldConnections, warmup);
      if (cold > 0) {
        round(peers, cold, "cold, first " + cold);
      }
      for (int done = cold; done < warmup; done += connections) {
        round(peers, Math.min(connections, warmup - done), "warm-up");
      }
      printRatios(round(peers, connections, null));
    } finally {
      peers.forEach(peer -> peer.client().close());
    }
    out.flush();
  }

  /** One round of {@code count} sequential connections per peer, interleaved; held open until it ends. */
  private List<Figure> round(List<Peer> peers, int count, String label) throws Exception {
    var rounds = new ArrayList<PeerRound>(peers.size());
    for (Peer peer : peers) {
      rounds.add(new PeerRound(peer));
    }
    long self = ProcessHandle.current().pid();
    long clientCpu = CpuTime.ofThisProcess();
    Map<String, Long> clientThreads = CpuTime.byThreadKind(self);
    var channels = new ArrayList<Channel>(count * peers.size());
    for (int i = 0; i < count; i++) {
      for (PeerRound peerRound : rounds) {
        channels.add(peerRound.connect());
      }
    }
    clientCpu = CpuTime.ofThisProcess() - clientCpu;
    var figures = new ArrayList<Figure>(peers.size());
    for (PeerRound peerRound : rounds) {
      figures.add(peerRound.report(count, label));
    }
    double made = count * (double) peers.size();
    out.printf("%-24s setup     load generator CPU per connection %.0f us (%s), all peers of the round%n", "",
        clientCpu / 1e3 / made, heaviest(clientThreads, CpuTime.byThreadKind(self), made));
    out.flush();
    channels.forEach(Channel::close);
    settle();
    return figures;
  }

  /** One peer's part of a round: its phase histograms and its server's CPU at the start. */
  private final class PeerRound {
    private final Peer peer;
    private final Histogram total = new Histogram(3);
    private final Histogram tcp = new Histogram(3);
    private final Histogram upgrade = new Histogram(3);
    private final Histogram wake = new Histogram(3);
    private final long serverCpu;
    private final Map<String, Long> serverThreads;

    PeerRound(Peer peer) throws IOException {
      this.peer = peer;
      this.serverCpu = peer.server().cpuNanos();
      this.serverThreads = peer.server().cpuNanosByThreadKind();
    }

    /** Opens one connection, timing it and its phases. */
    Channel connect() throws Exception {
      long start = System.nanoTime();
      Channel ch = peer.client().connect().get(10, TimeUnit.SECONDS);
      long end = System.nanoTime();
      long connected = ch.attr(LoadClient.CONNECTED_AT).get();
      long upgraded = ch.attr(LoadClient.UPGRADED_AT).get();
      total.recordValue(end - start);
      tcp.recordValue(Math.max(0, connected - start));
      upgrade.recordValue(Math.max(0, upgraded - connected));
      wake.recordValue(Math.max(0, end - upgraded));
      return ch;
    }

    Figure report(int count, String label) throws IOException {
      PeerProcess server = peer.server();
      double cpu = (server.cpuNanos() - serverCpu) / 1e3 / count;
      String threads = heaviest(serverThreads, server.cpuNanosByThreadKind(), count);
      String name = server.name + (label == null ? "" : " (" + label + ")");
      out.printf("%-24s setup     %,d sequential connections: p50 %.3f ms, p99 %.3f ms (p50 tcp %.3f, upgrade %.3f,"
          + " wake %.3f ms); CPU per connection: server %.0f us (%s)%n", name, count, ms(total, 50), ms(total, 99),
          ms(tcp, 50), ms(upgrade, 50), ms(wake, 50), cpu, threads);
      return new Figure(server.name, ms(total, 50), ms(total, 99), ms(upgrade, 50));
    }
  }

  /** Each gateway's timed p50/p99 (and upgrade p50) over the Node peer's from the same round. */
  private void printRatios(List<Figure> figures) {
    Figure node = figures.stream().filter(f -> f.peer().equals("node ws")).findFirst().orElse(null);
    if (node == null) {
      return;
    }
    for (Figure gateway : figures) {
      if (gateway != node) {
        out.printf("%-24s setup     p50 %.3f ms vs node ws %.3f ms (%.2fx), p99 %.3f ms vs %.3f ms (%.2fx),"
            + " upgrade p50 %.3f vs %.3f ms (%.2fx)%n", gateway.peer(), gateway.p50Millis(), node.p50Millis(),
            gateway.p50Millis() / node.p50Millis(), gateway.p99Millis(), node.p99Millis(),
            gateway.p99Millis() / node.p99Millis(), gateway.upgradeP50Millis(), node.upgradeP50Millis(),
            gateway.upgradeP50Millis() / node.upgradeP50Millis());
      }
    }
  }

  /** The three kinds of thread that used the most CPU between two samples, in us per connection. */
  private static String heaviest(Map<String, Long> before, Map<String, Long> after, double connections) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(3)
        .map(e -> String.format("%s %.0f", e.getKey(), e.getValue() / 1e3 / connections))
        .collect(Collectors.joining(", "));
  }

  /** Lets the closes of a round finish on both sides before the next; a benchmark pause, not a test wait. */
  private static void settle() {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1e6;
  }
}
