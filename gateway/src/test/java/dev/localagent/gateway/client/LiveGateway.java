package dev.localagent.gateway.client;

import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionsConfig;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.RegistryInvoker;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production composition (real engine, JSONL store on disk, OpenAI-compatible provider over
 * real HTTP to the fake model server) behind a gateway that can be stopped and started again on
 * the same port, as a server restart looks to a client.
 */
final class LiveGateway implements AutoCloseable {
  static final String TOKEN = "pool-token-0123456789";
  private static final Pattern ACCEPTED = Pattern.compile("localagent_gateway_connections_accepted_total (\\d+)");

  final FakeModelServer model;
  private final Path root;
  private final HttpClient http = HttpClient.newHttpClient();
  private GatewayServer server;
  private JsonlSessionStore store;
  private int port;

  LiveGateway(Path root) throws IOException {
    this.root = root;
    model = FakeModelServer.start();
    model.fallback(body -> Reply.openAiText("echo " + body.path("messages").size()));
    start();
  }

  /** Starts a server on the same port as before (a free one the first time). */
  synchronized void start() throws IOException {
    Path workdir = Files.createDirectories(root.resolve("work")).toRealPath();
    store = new JsonlSessionStore(root.resolve("sessions"), new SessionsConfig("never", 1000));
    var tools = new ToolRegistry();
    var provider = Providers.create(new ProviderConfig("fake", "openai", model.openAiUrl(), "fake-model",
        null, 0, 1000, 5000, 5000, 3, 5, 1000, 4, 60_000), Map.of());
    var invoker = new RegistryInvoker(tools, Set.of());
    var engine = new DefaultAgentEngine(store, provider, tools, invoker,
        new EngineSettings("fake-model", 10, workdir, null, null, Duration.ofSeconds(5)));
    server = new GatewayServer(GatewayConfig.DEFAULT.toBuilder().port(port).build(), store, engine, invoker,
        tools, workdir, TOKEN, "pool-test");
    InetSocketAddress address = server.start();
    port = address.getPort();
  }

  /** Graceful shutdown: clients get close 1001, the store is flushed and closed. */
  synchronized void stop() {
    server.close();
  }

  /** A second store over the same directory, for writing to a session while the server is down. */
  JsonlSessionStore openStoreWhileStopped() {
    return new JsonlSessionStore(root.resolve("sessions"), new SessionsConfig("never", 1000));
  }

  synchronized JsonlSessionStore store() {
    return store;
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + port + "/v1/ws");
  }

  /** Connections the running server accepted, read from its /metrics endpoint. */
  long acceptedConnections() throws IOException, InterruptedException {
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher matcher = ACCEPTED.matcher(metrics);
    if (!matcher.find()) {
      throw new AssertionError("no accepted-connections counter in /metrics:\n" + metrics);
    }
    return Long.parseLong(matcher.group(1));
  }

  synchronized int openConnections() {
    return server.metrics().openConnections();
  }

  @Override
  public synchronized void close() {
    server.close();
    model.close();
    http.close();
  }
}
