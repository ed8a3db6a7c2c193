package dev.localagent.cluster;

import dev.localagent.gateway.RecordingListener;

import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.RegistryInvoker;
import dev.localagent.core.testkit.TestTools;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayServer;
import dev.localagent.gateway.client.GatewayClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One {@code serve} instance in cluster mode, composed as the cli composes it: a cluster node on
 * a real Redis, the real agent engine per session (OpenAI-compatible provider over real HTTP to
 * the fake model server), and a gateway on a free loopback port.
 */
final class ClusterInstance implements AutoCloseable {
  static final String TOKEN = "cluster-token-0123456789";

  final ClusterNode node;
  final ClusterEngine engine;
  final GatewayServer server;
  final InetSocketAddress address;

  /** Tools named in {@code askFor} need an approval from an attached client. */
  ClusterInstance(String redisUrl, long leaseTtlMillis, FakeModelServer model, Path workdir, String... askFor) {
    node = ClusterNode.start(new ClusterConfig(new ClusterConfig.Redis(redisUrl), leaseTtlMillis, 1_000));
    var tools = new ToolRegistry();
    TestTools.all().forEach(tools::register);
    var invoker = new RegistryInvoker(tools, Set.of(askFor));
    var provider = Providers.create(new ProviderConfig("fake", "openai", model.openAiUrl(), "fake-model",
        null, 0, 1000, 5000, 5000, 3, 5, 1000, 4, 60_000), Map.of());
    var settings = new EngineSettings("fake-model", 10, workdir, null, null, Duration.ofSeconds(1));
    engine = node.engine(() -> new DefaultAgentEngine(node.store(), provider, tools, invoker, settings));
    server = new GatewayServer(GatewayConfig.DEFAULT.toBuilder().port(0).build(), node.store(), engine, invoker,
        tools, workdir, TOKEN, "cluster-test");
    server.readinessCheck(node::notReadyReason);
    address = server.start();
  }

  URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + address.getPort() + "/v1/ws");
  }

  URI httpUri(String path) {
    return URI.create("http://127.0.0.1:" + address.getPort() + path);
  }

  GatewayClient connect(RecordingListener listener) {
    return GatewayClient.connect(webSocketUri(), TOKEN, false, listener);
  }

  /** Dies as a killed process would for the cluster: no lease released, no heartbeat deleted. */
  void crash() {
    node.halt();
    server.close();
  }

  @Override
  public void close() {
    server.close();
  }
}
