package dev.localagent.bench.websocket;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The gateway under benchmark, in its own process so its memory is measured alone. Reads
 * commands on stdin: {@code session} prints a new session id; {@code broadcast ID COUNT RATE
 * BYTES} appends COUNT events (RATE per second, 0 for as fast as possible) whose text starts with
 * the monotonic time it was due (paced) or sent (unpaced), and prints {@code done}; {@code frames} prints how many frames the
 * gateway has written so far (events per frame shows how well batching coalesces); {@code gc}
 * prints the collection pauses so far ({@link GcPauses}); {@code pacer} prints how late the last
 * paced broadcast appended its events (p50, p99 and max nanoseconds after their due time), the
 * part of an event's latency spent before the gateway had it.
 */
public final class BenchServer {
  /** How late each paced append started after its due time; reset by every paced broadcast. */
  private static final Histogram PACER_LATENESS = new Histogram(3);

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    boolean compression = Boolean.parseBoolean(args[0]);
    var store = new InMemorySessionStore();
    AgentEngine idle = AgentEngine.refusing("LA-GATEWAY-005", "benchmark server runs no turns");
    // The set-up round holds its connections open without a hello for as long as it takes; on a busy
    // machine that exceeds the default hello timeout, and closing them mid-round would load the
    // gateway with work the Node peer (which has no such timeout) never does.
    var config = GatewayConfig.DEFAULT.toBuilder().port(0).compression(compression)
        .maxConnections(100_000).maxMessagesPerSecond(1_000_000).maxQueuedEvents(100_000)
        .helloTimeoutMillis(600_000)
        // The gateway's default event-loop count (io_threads 0: one per core) unless a comparison
        // asks for another, e.g. LOCALAGENT_BENCH_SERVER_OPTS=-Dlocalagent.bench.ioThreads=4.
        .ioThreads(Integer.getInteger("localagent.bench.ioThreads", 0)).build();
    var server = new GatewayServer(config, store, idle, invocation -> ToolResult.error("LA-TOOL-002", "none"),
        new ToolRegistry(), Path.of("."), "bench-token", "bench");
    System.out.println("port " + server.start().getPort());
    System.out.flush();
    // Named so the bench's per-thread run-queue waits tell the appending thread from the rest.
    Thread.currentThread().setName("bench-pacer");
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.split(" ");
      switch (words[0]) {
        case "session" -> System.out.println(store.create().sessionId());
        case "frames" -> System.out.println(server.metrics().framesOut());
        case "gc" -> System.out.println(GcPauses.ofThisProcess());
        case "pacer" -> System.out.println(PACER_LATENESS.getValueAtPercentile(50) + " "
            + PACER_LATENESS.getValueAtPercentile(99) + " " + PACER_LATENESS.getMaxValue());
        case "broadcast" -> {
          SessionLog log = store.open(words[1]).orElseThrow();
          broadcast(log, Integer.parseInt(words[2]), Integer.parseInt(words[3]), Integer.parseInt(words[4]));
          System.out.println("done");
        }
        default -> System.out.println("unknown " + words[0]);
      }
      System.out.flush();
    }
    server.close();
  }

  static void broadcast(SessionLog log, int count, int perSecond, int bytes) {
    String pad = "x".repeat(Math.max(0, bytes - 24));
    long start = System.nanoTime();
    long interval = perSecond > 0 ? 1_000_000_000L / perSecond : 0;
    if (interval > 0) {
      PACER_LATENESS.reset();
    }
    for (int i = 0; i < count; i++) {
      long stamp = System.nanoTime();
      if (interval > 0) {
        // Stamped with when the event was due, not when it went out: a server that falls behind
        // its schedule shows it in the latency instead of hiding it (coordinated omission).
        stamp = start + i * interval;
        // One park per event until its due time (not slices of it): each wake-up is a thread that
        // needs a core, on the same two cores as the event loops it feeds. Once late, the events
        // already due are appended back to back.
        for (long now = System.nanoTime(); now < stamp; now = System.nanoTime()) {
          LockSupport.parkNanos(stamp - now);
        }
        PACER_LATENESS.recordValue(Math.max(0, System.nanoTime() - stamp));
      }
      log.append(new ModelDelta("t=" + stamp + ";" + pad));
    }
  }
}
