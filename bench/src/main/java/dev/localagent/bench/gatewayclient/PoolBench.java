package dev.localagent.bench.gatewayclient;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.bench.Stats;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayServer;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.client.GatewayClientConfig;
import dev.localagent.gateway.client.GatewayConnectionPool;
import dev.localagent.gateway.protocol.Messages.SessionsList;
import dev.localagent.gateway.protocol.Protocol;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Request latency through the client's connection pool next to a fresh connection per request
 * (connect, hello, request, close: what a client without a pool does), against an in-process
 * gateway on loopback, measured side by side in one run so the ratio survives a noisy machine.
 * The fresh variant shares one HttpClient, so it is not charged for the client's set-up.
 */
public final class PoolBench {
  private static final String TOKEN = "bench-token";
  private static final int WARM_UP = 200;

  /** @param requests requests per variant per run; @param runs alternating runs per variant */
  public record Options(int requests, int runs) {}

  private PoolBench() {}

  public static void run(Options options, PrintWriter out) throws Exception {
    try (GatewayServer server = idleServer()) {
      URI uri = URI.create("ws://127.0.0.1:" + server.start().getPort() + Protocol.PATH);
      try (HttpClient http = HttpClient.newHttpClient();
          var pool = new GatewayConnectionPool(uri, TOKEN, GatewayClientConfig.DEFAULT)) {
        sample(WARM_UP, () -> fresh(http, uri));
        sample(WARM_UP, () -> pooled(pool));
        double[] freshMedians = new double[options.runs()];
        double[] pooledMedians = new double[options.runs()];
        for (int run = 0; run < options.runs(); run++) {
          double[] fresh = sample(options.requests(), () -> fresh(http, uri));
          double[] pooled = sample(options.requests(), () -> pooled(pool));
          freshMedians[run] = Stats.median(fresh);
          pooledMedians[run] = Stats.median(pooled);
          out.printf("run %d: fresh connection p50 %.0f us p99 %.0f us | pooled p50 %.0f us p99 %.0f us%n", run + 1,
              freshMedians[run], Stats.percentile(fresh, 99), pooledMedians[run], Stats.percentile(pooled, 99));
          out.flush();
        }
        double fresh = Stats.median(freshMedians);
        double pooled = Stats.median(pooledMedians);
        out.printf("sessions.list latency, median of %d runs x %d requests: fresh connection %.0f us, pooled %.0f us,"
            + " ratio fresh/pooled %.1fx (connections the pool opened: %d)%n", options.runs(), options.requests(),
            fresh, pooled, fresh / pooled, pool.stats().created());
        out.flush();
      }
    }
  }

  private static void fresh(HttpClient http, URI uri) {
    try (var client = GatewayClient.connect(http, uri, TOKEN, false, event -> { }, Duration.ofSeconds(5))) {
      client.request(Protocol.SESSIONS_LIST, new SessionsList());
    }
  }

  private static void pooled(GatewayConnectionPool pool) {
    pool.request(Protocol.SESSIONS_LIST, new SessionsList());
  }

  /** Microseconds per call. */
  private static double[] sample(int count, Runnable call) {
    double[] micros = new double[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      call.run();
      micros[i] = (System.nanoTime() - start) / 1_000.0;
    }
    return micros;
  }

  private static GatewayServer idleServer() {
    AgentEngine idle = AgentEngine.refusing("LA-GATEWAY-005", "benchmark server runs no turns");
    var config = GatewayConfig.DEFAULT.toBuilder().port(0).maxMessagesPerSecond(1_000_000).build();
    return new GatewayServer(config, new InMemorySessionStore(), idle,
        invocation -> ToolResult.error("LA-TOOL-002", "none"), new ToolRegistry(), Path.of("."), TOKEN, "bench");
  }
}
