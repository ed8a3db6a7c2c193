package dev.localagent.gateway;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.api.tool.ToolRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;

/** A real gateway on a free loopback port with an in-memory store and a scripted engine. */
final class GatewayFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789";

  final SessionStore store = new InMemorySessionStore();
  final ToolRegistry tools = new ToolRegistry();
  final AgentEngine engine;
  final GatewayServer server;
  final InetSocketAddress address;

  GatewayFixture() {
    this(GatewayConfig.DEFAULT.toBuilder().port(0).build());
  }

  GatewayFixture(GatewayConfig config) {
    this(config, ScriptedEngine::new);
  }

  GatewayFixture(GatewayConfig config, Function<SessionStore, AgentEngine> engineFactory) {
    engine = engineFactory.apply(store);
    ToolInvoker invoker = invocation -> tools.find(invocation.call().name())
        .map(tool -> {
          try {
            return tool.call(new ToolRequest(invocation.call().id(), invocation.call().arguments(),
                invocation.workdir()), invocation.output());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("LA-TOOL-001", "interrupted");
          }
        })
        .orElse(ToolResult.error("LA-TOOL-002", "unknown tool"));
    server = new GatewayServer(config, store, engine, invoker, tools, Path.of("."), TOKEN, "test");
    address = server.start();
  }

  URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + address.getPort() + "/v1/ws");
  }

  URI httpUri(String path) {
    return URI.create("http://127.0.0.1:" + address.getPort() + path);
  }

  GatewayClient connect(RecordingListener listener) {
    return connect(listener, false);
  }

  GatewayClient connect(RecordingListener listener, boolean batching) {
    return GatewayClient.connect(webSocketUri(), TOKEN, batching, listener);
  }

  @Override
  public void close() {
    server.close();
  }
}
