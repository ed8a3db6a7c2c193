package dev.localagent.bench.websocket;

import io.netty.channel.Channel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code localagent bench websocket}: the seed's gateway scenario against this gateway (batching
 * on and off, compression on and off) and, in the same run, a Node {@code ws} server.
 */
public final class WebSocketBench {
  /** What to run; the defaults are the documented run. */
  public record Options(int[] connections, int messages, int setupConnections, int idleConnections,
      int echoConnections, int echoSeconds, int latencyRate, boolean node, Path nodeDir) {}

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
    var peers = new ArrayList<String[]>();
    peers.add(new String[] {"gateway batched", "true", "false"});
    peers.add(new String[] {"gateway unbatched", "false", "false"});
    peers.add(new String[] {"gateway batched+deflate", "true", "true"});
    if (options.node()) {
      peers.add(new String[] {"node ws", "false", "false"});
    }
    for (String[] peer : peers) {
      boolean batching = Boolean.parseBoolean(peer[1]);
      boolean deflate = Boolean.parseBoolean(peer[2]);
      try (PeerProcess server = peer[0].equals("node ws") ? PeerProcess.node(options.nodeDir())
          : PeerProcess.gateway(peer[0], deflate)) {
        runAll(server, batching, deflate);
      }
    }
    out.flush();
  }

  private void runAll(PeerProcess server, boolean batching, boolean deflate) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + server.port + "/v1/ws");
    String name = server.name;
    try (var client = new LoadClient(uri, deflate, 1)) {
      if (!deflate) {
        echo(name + " (warm-up)", client); // JIT warm-up on both sides; reported, not used.
        setup(name, client);
        idle(name, server, client);
        echo(name, client);
      }
      broadcast(name + " (warm-up)", server, client, 10, batching);
      for (int connections : options.connections()) {
        broadcast(name, server, client, connections, batching);
      }
      latency(name, server, client, batching);
    }
    out.flush();
  }

  private void setup(String name, LoadClient client) throws Exception {
    var histogram = new Histogram(3);
    var channels = new ArrayList<Channel>();
    for (int i = 0; i < options.setupConnections(); i++) {
      long start = System.nanoTime();
      channels.add(client.connect().get(10, TimeUnit.SECONDS));
      histogram.recordValue(System.nanoTime() - start);
    }
    channels.forEach(Channel::close);
    out.printf("%-24s setup     %,d sequential connections: p50 %.3f ms, p99 %.3f ms%n", name,
        options.setupConnections(), ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(99)));
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

  private void echo(String name, LoadClient client) throws Exception {
    List<Channel> channels = open(client, options.echoConnections(), false, null);
    client.echoing = true;
    client.pongs.reset();
    for (Channel ch : channels) {
      for (int i = 0; i < 32; i++) {
        ch.write(new io.netty.handler.codec.http.websocketx.TextWebSocketFrame("{\"type\":\"ping\",\"id\":\"e\"}"));
      }
      ch.flush();
    }
    long start = System.nanoTime();
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.echoSeconds()));
    long pongs = client.pongs.sum();
    double seconds = (System.nanoTime() - start) / 1e9;
    client.echoing = false;
    channels.forEach(Channel::close);
    out.printf("%-24s echo      %d connections, 32 in flight each: %,.0f msg/s%n", name, channels.size(),
        pongs / seconds);
  }

  private void broadcast(String name, PeerProcess server, LoadClient client, int connections, boolean batching)
      throws Exception {
    int messages = (int) Math.min(options.messages(), Math.max(1_000, 1_000_000L / connections));
    String session = server.command("session");
    List<Channel> channels = open(client, connections, batching, session);
    client.events.reset();
    long expected = (long) connections * messages;
    long start = System.nanoTime();
    server.command("broadcast " + session + " " + messages + " 0 100");
    long deadline = start + TimeUnit.SECONDS.toNanos(120);
    while (client.events.sum() < expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long got = client.events.sum();
    channels.forEach(Channel::close);
    out.printf("%-24s broadcast %,6d conns x %,7d events: %,.0f events/s delivered%s%n", name, connections,
        messages, got / seconds, got < expected ? " (INCOMPLETE: " + got + " of " + expected + ")" : "");
  }

  private void latency(String name, PeerProcess server, LoadClient client, boolean batching) throws Exception {
    int connections = 10;
    int rate = options.latencyRate() / connections;
    int events = rate * 3;
    String session = server.command("session");
    List<Channel> channels = open(client, connections, batching, session);
    client.latency.getIntervalHistogram();
    server.command("broadcast " + session + " " + events + " " + rate + " 100");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    client.events.reset();
    while (client.events.sum() < (long) events * connections && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    Histogram h = client.latency.getIntervalHistogram();
    channels.forEach(Channel::close);
    out.printf("%-24s latency   %,d events/s delivered (%d conns): p50 %.3f ms, p95 %.3f ms, p99 %.3f ms%n", name,
        rate * connections, connections, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)));
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

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  static void requireFiles(int connections) throws IOException {
    // Each connection costs a descriptor on both sides; say so early instead of failing midway.
    var limit = new ProcessBuilder("sh", "-c", "ulimit -n").start();
    String text = new String(limit.getInputStream().readAllBytes()).strip();
    if (!text.equals("unlimited") && Long.parseLong(text) < connections + 256L) {
      throw new IOException("ulimit -n is " + text + "; " + connections + " connections need more: ulimit -n "
          + (connections + 1024));
    }
  }
}
