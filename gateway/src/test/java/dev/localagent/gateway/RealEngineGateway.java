package dev.localagent.gateway;

import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionsConfig;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.RegistryInvoker;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.testkit.TestTools;
import dev.localagent.core.tool.ToolRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The production composition under test: the real agent engine and JSONL store behind the
 * gateway, with an OpenAI-compatible provider talking real HTTP to the fake model server.
 */
public final class RealEngineGateway implements AutoCloseable {
  public static final String TOKEN = "e2e-token-9876543210";

  public final FakeModelServer model;
  public final ToolRegistry tools = new ToolRegistry();
  public final GatewayServer server;
  private final InetSocketAddress address;

  /** Tools named in {@code askFor} need an approval from an attached client. */
  public RealEngineGateway(Path root, String... askFor) throws Exception {
    model = FakeModelServer.start();
    // Unscripted requests answer with the last user message echoed back, streamed in pieces.
    model.fallback(body -> Reply.openAiText("you said: " + lastUserText(body.path("messages"))));
    TestTools.all().forEach(tools::register);
    Path workdir = Files.createDirectories(root.resolve("work")).toRealPath();
    var store = new JsonlSessionStore(root.resolve("sessions"), new SessionsConfig("never", 1000));
    var provider = Providers.create(new ProviderConfig("fake", "openai", model.openAiUrl(), "fake-model",
        null, 0, 1000, 5000, 5000, 3, 5, 1000, 4, 60_000), Map.of());
    var invoker = new RegistryInvoker(tools, Set.of(askFor));
    var engine = new DefaultAgentEngine(store, provider, tools, invoker,
        new EngineSettings("fake-model", 10, workdir, null, null, Duration.ofSeconds(5)));
    server = new GatewayServer(GatewayConfig.DEFAULT.toBuilder().port(0).build(), store, engine, invoker,
        tools, workdir, TOKEN, "e2e");
    address = server.start();
  }

  private static String lastUserText(com.fasterxml.jackson.databind.JsonNode messages) {
    String text = "";
    for (var message : messages) {
      if ("user".equals(message.path("role").asText())) {
        text = message.path("content").asText();
      }
    }
    return text;
  }

  public URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + address.getPort() + "/v1/ws");
  }

  @Override
  public void close() {
    server.close();
    model.close();
  }
}
