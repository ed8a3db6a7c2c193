package dev.localagent.bench.websocket;

import io.netty.channel.Channel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code localagent bench websocket}: the seed's gateway scenario against this gateway (batching
 * on and off, compression on and off) and, in the same run, a Node {@code ws} server.
 */
public final class WebSocketBench {
  /** What to run; the defaults are the documented run. */
  public record Options(int[] connections, int messages, int setupConnections, int setupWarmup,
      int setupClientWarmup, int idleConnections,
      int echoConnections, int echoSeconds, int latencyRate, boolean node, Path nodeDir,
      Set<String> peers, Set<String> scenarios) {
    /** Every peer and scenario, for {@code --peers} and {@code --only}. */
    public static final List<String> PEERS = List.of("batched", "unbatched", "deflate", "node");
    public static final List<String> SCENARIOS = List.of("echo", "setup", "idle", "broadcast", "latency");

    boolean runs(String scenario) {
      return scenarios.contains(scenario);
    }
  }

  /** The JIT counts as settled once its compiler threads use less than this in a paced second. */
  private static final int SETTLED_COMPILER_MILLIS_PER_SECOND = 20;
  private static final int MAX_SETTLE_SECONDS = 10;

  private final Options options;
  private final PrintWriter out;

  public WebSocketBench(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  public void run() throws Exception {
    out.printf("bench websocket: connections %s, up to %,d events per connection; server and load generator"
        + " share this machine (%d cores)%n", Arrays.toString(options.connections()), options.messages(),
        Runtime.getRuntime().availableProcessors());
    if (options.runs("idle")) {
      requireFiles(options.idleConnections());
    }
    var peers = new ArrayList<String[]>();
    if (options.peers().contains("batched")) {
      peers.add(new String[] {"gateway batched", "true", "false"});
    }
    if (options.peers().contains("unbatched")) {
      peers.add(new String[] {"gateway unbatched", "false", "false"});
    }
    if (options.peers().contains("deflate")) {
      peers.add(new String[] {"gateway batched+deflate", "true", "true"});
    }
    if (options.node() && options.peers().contains("node")) {
      peers.add(new String[] {"node ws", "false", "false"});
    }
    if (options.runs("setup")) {
      setup(peers);
    }
    boolean onlySetup = options.scenarios().equals(Set.of("setup"));
    for (String[] peer : onlySetup ? List.<String[]>of() : peers) {
      boolean batching = Boolean.parseBoolean(peer[1]);
      boolean deflate = Boolean.parseBoolean(peer[2]);
      try (PeerProcess server = peer[0].equals("node ws") ? PeerProcess.node("node ws", options.nodeDir())
          : PeerProcess.gateway(peer[0], deflate)) {
        runAll(server, batching, deflate);
      }
    }
    out.flush();
  }

  /**
   * Set-up for every peer but deflate (set-up negotiates no compression) in the same interleaved
   * rounds ({@link SetupBench}), all servers running at once.
   */
  private void setup(List<String[]> peers) throws Exception {
    var kinds = new ArrayList<SetupBench.PeerKind>();
    for (String[] peer : peers) {
      if (!Boolean.parseBoolean(peer[2])) {
        kinds.add(new SetupBench.PeerKind(peer[0], peer[0].equals("node ws")
            ? name -> PeerProcess.node(name, options.nodeDir()) : name -> PeerProcess.gateway(name, false)));
      }
    }
    new SetupBench(out, options.setupConnections(), options.setupWarmup(), options.setupClientWarmup()).run(kinds);
  }

  private void runAll(PeerProcess server, boolean batching, boolean deflate) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + server.port + "/v1/ws");
    String name = server.name;
    try (var client = new LoadClient(uri, deflate, 1)) {
      if (!deflate && options.runs("echo")) {
        echo(name + " (warm-up)", server, client); // JIT warm-up on both sides; reported, not used.
      }
      if (!deflate && options.runs("idle")) {
        idle(name, server, client);
      }
      if (!deflate && options.runs("echo")) {
        echo(name, server, client);
      }
      if (options.runs("broadcast") || options.runs("latency")) {
        int most = Arrays.stream(options.connections()).max().orElse(10);
        broadcast(name + " (warm-up)", server, client, Math.clamp(most, 10, 100), batching);
      }
      if (options.runs("broadcast")) {
        for (int connections : options.connections()) {
          broadcast(name, server, client, connections, batching);
        }
      }
      if (options.runs("latency")) {
        // The timed path (reading each event's stamp) and the paced append are new code on both
        // sides even after the broadcast warm-up; a first paced second compiles them (reported, not used).
        latency(name + " (warm-up)", server, client, batching, 1, true);
        settleLatencyJit(name, server, client, batching);
        latency(name, server, client, batching, 3, true);
      }
    }
    out.flush();
  }

  private void idle(String name, PeerProcess server, LoadClient client) throws Exception {
    long before = server.rssKb();
    var channels = new ArrayList<Channel>();
    for (int i = 0; i < options.idleConnections(); i++) {
      Channel ch = client.connect().get(10, TimeUnit.SECONDS);
      LoadClient.send(ch, hello(false));
      channels.add(ch);
    }
    settle();
    long after = server.rssKb();
    channels.forEach(Channel::close);
    out.printf("%-24s idle      %,d connections: RSS %,d KB -> %,d KB, %.1f KB per connection%n", name,
        channels.size(), before, after, (after - before) / (double) channels.size());
  }

  private void echo(String name, PeerProcess server, LoadClient client) throws Exception {
    List<Channel> channels = open(client, options.echoConnections(), false, null);
    client.echoing = true;
    client.pongs.reset();
    for (Channel ch : channels) {
      for (int i = 0; i < 32; i++) {
        ch.write(LoadClient.ping());
      }
      ch.flush();
    }
    long start = System.nanoTime();
    long serverCpu = server.cpuNanos();
    long clientCpu = CpuTime.ofThisProcess();
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.echoSeconds()));
    long pongs = client.pongs.sum();
    double seconds = (System.nanoTime() - start) / 1e9;
    serverCpu = server.cpuNanos() - serverCpu;
    clientCpu = CpuTime.ofThisProcess() - clientCpu;
    client.echoing = false;
    channels.forEach(Channel::close);
    out.printf("%-24s echo      %d connections, 32 in flight each: %,.0f msg/s; CPU per message: server %.2f us,"
        + " load generator %.2f us%n", name, channels.size(), pongs / seconds, serverCpu / 1e3 / pongs,
        clientCpu / 1e3 / pongs);
  }

  private void broadcast(String name, PeerProcess server, LoadClient client, int connections, boolean batching)
      throws Exception {
    int messages = (int) Math.min(options.messages(), Math.max(1_000, 1_000_000L / connections));
    String session = server.command("session");
    List<Channel> channels = open(client, connections, batching, session);
    client.events.reset();
    client.seqErrors.reset();
    long expected = (long) connections * messages;
    long frames = framesWritten(server);
    long serverCpu = server.cpuNanos();
    long clientCpu = CpuTime.ofThisProcess();
    long start = System.nanoTime();
    server.command("broadcast " + session + " " + messages + " 0 100");
    long deadline = start + TimeUnit.SECONDS.toNanos(120);
    while (client.events.sum() < expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long got = client.events.sum();
    serverCpu = server.cpuNanos() - serverCpu;
    clientCpu = CpuTime.ofThisProcess() - clientCpu;
    frames = framesWritten(server) - frames;
    channels.forEach(Channel::close);
    out.printf("%-24s broadcast %,6d conns x %,7d events: %,.0f events/s delivered; CPU per event: server %.2f us,"
        + " load generator %.2f us; %.1f events per frame%s%s%n", name, connections, messages, got / seconds,
        serverCpu / 1e3 / got, clientCpu / 1e3 / got, frames > 0 ? got / (double) frames : 1.0,
        got < expected ? " (INCOMPLETE: " + got + " of " + expected + ")" : "", seqErrors(client));
  }

  /**
   * More paced warm-up seconds (not reported one by one, not used) until, in one of them, the JIT
   * compiler threads of the server and of the load generator each ran under
   * {@value #SETTLED_COMPILER_MILLIS_PER_SECOND} ms/s, at most {@value #MAX_SETTLE_SECONDS}. After
   * one paced second C2 was still compiling the delivery path (Netty's outbound buffer, the
   * allocator, the event encoder) through the timed seconds, at 0.3-0.4 of a core in the server on
   * a quiet machine, so the latency measured a JIT competing with the event loops for the two
   * cores rather than the steady state. The timed run itself is unchanged: same rate, same
   * connections, latency from each event's due time.
   */
  private void settleLatencyJit(String name, PeerProcess server, LoadClient client, boolean batching)
      throws Exception {
    int seconds = 0;
    boolean settled;
    double[] compiler;
    do {
      compiler = latency(name + " (warm-up)", server, client, batching, 1, false);
      seconds++;
      settled = compiler[0] < SETTLED_COMPILER_MILLIS_PER_SECOND && compiler[1] < SETTLED_COMPILER_MILLIS_PER_SECOND;
    } while (!settled && seconds < MAX_SETTLE_SECONDS);
    out.printf("%-24s latency   JIT %s after %d more paced warm-up seconds (compiler threads in the last: server"
        + " %.0f ms/s, load generator %.0f ms/s)%n", name + " (warm-up)", settled ? "settled" : "NOT settled",
        seconds, compiler[0], compiler[1]);
  }

  /**
   * One paced run; prints its latency and detail lines when {@code report}.
   *
   * @return the JIT compiler threads' CPU during the run, ms per second: server, load generator
   */
  private double[] latency(String name, PeerProcess server, LoadClient client, boolean batching, int runSeconds,
      boolean report) throws Exception {
    int connections = 10;
    int rate = options.latencyRate() / connections;
    int events = rate * runSeconds;
    String session = server.command("session");
    List<Channel> channels = open(client, connections, batching, session);
    client.timing = true;
    client.latency.getIntervalHistogram();
    client.events.reset(); // Before the broadcast: its events are counted while it runs.
    client.seqErrors.reset();
    GcPauses serverGc = gcPauses(server);
    GcPauses clientGc = GcPauses.ofThisProcess();
    RunQueueWait serverWait = server.runQueueWait();
    RunQueueWait clientWait = RunQueueWait.ofThisProcess();
    long frames = framesWritten(server);
    long serverCpu = server.cpuNanos();
    long clientCpu = CpuTime.ofThisProcess();
    long start = System.nanoTime();
    server.command("broadcast " + session + " " + events + " " + rate + " 100");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (client.events.sum() < (long) events * connections && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram h = client.latency.getIntervalHistogram();
    client.timing = false;
    clientGc = GcPauses.ofThisProcess().since(clientGc);
    serverGc = serverGc == null ? null : gcPauses(server).since(serverGc);
    serverWait = server.runQueueWait().since(serverWait);
    clientWait = RunQueueWait.ofThisProcess().since(clientWait);
    serverCpu = server.cpuNanos() - serverCpu;
    clientCpu = CpuTime.ofThisProcess() - clientCpu;
    frames = framesWritten(server) - frames;
    long got = client.events.sum();
    long expected = (long) events * connections;
    channels.forEach(Channel::close);
    double[] compiler = {serverWait.compilerMillisPerSecond(seconds), clientWait.compilerMillisPerSecond(seconds)};
    if (!report) {
      return compiler;
    }
    out.printf("%-24s latency   %,d events/s scheduled (%d conns, %,.0f/s achieved): p50 %.3f ms, p95 %.3f ms,"
        + " p99 %.3f ms, max %.3f ms; GC while timing: server %s, load generator %s%s%s%n", name, rate * connections,
        connections, got / seconds, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), serverGc == null ? "-" : serverGc.describe(),
        clientGc.describe(),
        got < expected ? " (INCOMPLETE: " + got + " of " + expected + ")" : "", seqErrors(client));
    // Where the time went: the appender's own lateness (the part before the server had the event),
    // CPU per event and frames (near two cores' worth, queues build), and waits for a core.
    out.printf("%-24s   latency detail: appender late p50 %s; CPU per event: server %.2f us, load generator"
        + " %.2f us; %.1f events per frame; CPU by thread: server [%s], load generator [%s]; waiting for a core:"
        + " server %s [%s], load generator %s [%s]%n", name,
        pacerLateness(server), serverCpu / 1e3 / Math.max(1, got), clientCpu / 1e3 / Math.max(1, got),
        frames > 0 ? got / (double) frames : 1.0, serverWait.topRunners(seconds), clientWait.topRunners(seconds),
        serverWait.describe(seconds), serverWait.topWaiters(seconds),
        clientWait.describe(seconds), clientWait.topWaiters(seconds));
    return compiler;
  }

  /** How late the gateway's appender was after each event's due time ("p50 X ms, p99 Y ms, max Z ms"). */
  private static String pacerLateness(PeerProcess server) throws IOException {
    if (!server.name.startsWith("gateway")) {
      return "-";
    }
    String[] nanos = server.command("pacer").strip().split(" ");
    return String.format("%.3f ms, p99 %.3f ms, max %.3f ms", ms(Long.parseLong(nanos[0])),
        ms(Long.parseLong(nanos[1])), ms(Long.parseLong(nanos[2])));
  }

  private static List<Channel> open(LoadClient client, int count, boolean batching, String session) throws Exception {
    var channels = new ArrayList<Channel>(count);
    for (int i = 0; i < count; i++) {
      Channel ch = client.connect().get(10, TimeUnit.SECONDS);
      LoadClient.send(ch, hello(batching));
      if (session != null) {
        LoadClient.send(ch, "{\"type\":\"session.attach\",\"id\":\"a\",\"sessionId\":\"" + session + "\",\"fromSeq\":0}");
      }
      channels.add(ch);
    }
    settle();
    return channels;
  }

  private static String hello(boolean batching) {
    return "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"token\":\"bench-token\",\"capabilities\":{\"batching\":"
        + batching + "}}";
  }

  /** Lets queued handshakes and hellos finish before measuring; a benchmark pause, not a test wait. */
  private static void settle() {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
  }

  /** The gateway's collection pauses so far; null for the Node peer. */
  private static GcPauses gcPauses(PeerProcess server) throws IOException {
    return server.name.startsWith("gateway") ? GcPauses.parse(server.command("gc")) : null;
  }

  /** Frames the gateway has written so far; 0 for the Node peer, which sends one frame per event. */
  private static long framesWritten(PeerProcess server) throws IOException {
    return server.name.startsWith("gateway") ? Long.parseLong(server.command("frames").strip()) : 0;
  }

  /** A loud note when any connection saw a seq that did not follow its previous one. */
  private static String seqErrors(LoadClient client) {
    long errors = client.seqErrors.sumThenReset();
    return errors == 0 ? "" : " (SEQ ERRORS: " + errors + " events out of sequence)";
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  static void requireFiles(int connections) throws IOException {
    // Each connection costs a descriptor on both sides; say so early instead of failing midway.
    // The JVM raises its soft limit to the hard one at start, and the servers inherit it.
    var limit = new ProcessBuilder("sh", "-c", "ulimit -n").start();
    String text = new String(limit.getInputStream().readAllBytes()).strip();
    if (!text.equals("unlimited") && Long.parseLong(text) < connections + 256L) {
      throw new IOException("ulimit -n is " + text + "; " + connections + " connections need more: ulimit -n "
          + (connections + 1024));
    }
  }
}
