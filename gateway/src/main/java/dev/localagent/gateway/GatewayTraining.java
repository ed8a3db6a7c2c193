package dev.localagent.gateway;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.Messages.SessionsList;
import dev.localagent.gateway.protocol.Protocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The training workload for the JDK AOT cache {@code localagent serve} starts with: a real gateway
 * on a loopback port and clients that each connect, authenticate and list sessions, one after
 * another. A JVM started from that cache has the set-up path's classes loaded and linked and its
 * method profiles recorded, so a fresh server's first thousand connections are not paced by the
 * JIT (without it, connection set-up stayed 2-4x slower than Node's {@code ws} until the C2
 * compiler caught up; docs/CAPACITY.md, "WebSocket connection set-up").
 */
public final class GatewayTraining {
  /**
   * Enough round trips to load every class of the set-up path. On ZGC (serve's collector) a JDK 25
   * cache keeps the classes but not AOT linking, so more rounds only lengthen the first serve.
   */
  public static final int CONNECTIONS = 100;
  private static final String TOKEN = "aot-training";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private GatewayTraining() {}

  /**
   * Runs {@code connections} sequential connections (batching on every other one) through a
   * gateway it starts and closes.
   *
   * @return the WebSocket handshakes the server completed, as its metrics count them (each
   *     connection was also authenticated and answered, or this throws)
   * @throws dev.localagent.core.error.LocalAgentException when a connection or request fails
   */
  public static long run(int connections) {
    var store = new InMemorySessionStore();
    var config = GatewayConfig.DEFAULT.toBuilder().port(0).build();
    var server = new GatewayServer(config, store, AgentEngine.refusing(GatewayErrors.REFUSED.id(), "training runs no turns"),
        invocation -> ToolResult.error("LA-TOOL-002", "no tools while training"), new ToolRegistry(),
        Path.of("."), TOKEN, "training");
    try (server) {
      int port = server.start().getPort();
      URI uri = URI.create("ws://127.0.0.1:" + port + Protocol.PATH);
      try (HttpClient http = HttpClient.newHttpClient()) {
        for (int i = 0; i < connections; i++) {
          try (var client = GatewayClient.connect(http, uri, TOKEN, i % 2 == 0, event -> {}, CONNECT_TIMEOUT)) {
            client.request(Protocol.SESSIONS_LIST, new SessionsList());
          }
        }
      }
      return server.metrics().acceptedConnections();
    }
  }
}
