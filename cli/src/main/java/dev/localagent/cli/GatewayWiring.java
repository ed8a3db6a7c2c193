package dev.localagent.cli;

import dev.localagent.api.model.ModelProvider;
import dev.localagent.cluster.ClusterConfig;
import dev.localagent.cluster.ClusterNode;
import dev.localagent.core.agent.AgentConfig;
import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.provider.ProvidersConfig;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.session.SessionsConfig;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.GatewayServer;
import dev.localagent.gateway.GatewayToken;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Wires {@code localagent serve} by hand: session store (JSONL, or memory), provider, the
 * process's {@link Toolbox}, the engine, and the gateway that owns the store and engine. In
 * cluster mode the store is Redis and the engine routes each session to the instance holding its
 * lease; the store owns the cluster node and the gateway closes it last.
 */
public final class GatewayWiring {
  private GatewayWiring() {}

  /** The token file: configured, or {@code gateway.token} in the config directory. */
  public static Path tokenFile(AppContext context, GatewayConfig config) {
    return config.tokenFile().isEmpty()
        ? context.dirs().configDir().resolve(GatewayToken.DEFAULT_FILE_NAME)
        : Path.of(config.tokenFile());
  }

  /**
   * Builds a server that is not started yet; the caller keeps and closes {@code toolbox}.
   *
   * @param invoker {@code toolbox}'s invoker, possibly decorated (serve counts calls for alerts)
   * @param storeKind {@code jsonl} (default, persistent) or {@code memory}; unused in cluster mode
   * @param providerName a configured provider, {@code echo}, a URL, or null for the default
   * @param cluster cluster mode when it names a Redis URL
   */
  public static GatewayServer server(AppContext context, GatewayConfig config, Toolbox toolbox, ToolInvoker invoker,
      String storeKind, String providerName, ClusterConfig cluster, String version) {
    String token = GatewayToken.loadOrCreate(tokenFile(context, config));
    ProviderConfig providerConfig =
        Providers.resolve(context.config().section(ProvidersConfig.SECTION), providerName);
    ModelProvider provider = Providers.create(providerConfig, context.env());
    ToolRegistry tools = toolbox.registry();
    AgentConfig agent = context.config().section(AgentConfig.SECTION);
    var settings = new EngineSettings(providerConfig.model().isEmpty() ? "default" : providerConfig.model(),
        agent.maxSteps(), context.workdir(), agent.systemPrompt(), null,
        Duration.ofMillis(config.shutdownTimeoutMillis()));
    if (cluster.enabled()) {
      ClusterNode node = ClusterNode.start(cluster);
      // One local engine per session this instance takes; all write through the fenced Redis store.
      var engine = node.engine(() -> new DefaultAgentEngine(node.store(), provider, tools, invoker, settings));
      var server = new GatewayServer(config, node.store(), engine, invoker, tools, context.workdir(), token, version);
      server.readinessCheck(node::notReadyReason);
      return server;
    }
    SessionStore store = store(context, storeKind);
    var engine = new DefaultAgentEngine(store, provider, tools, invoker, settings);
    return new GatewayServer(config, store, engine, invoker, tools, context.workdir(), token, version);
  }

  private static SessionStore store(AppContext context, String kind) {
    return switch (kind) {
      case "jsonl" -> new JsonlSessionStore(context.dirs().sessionsDir(),
          context.config().section(SessionsConfig.SECTION));
      case "memory" -> new InMemorySessionStore();
      default -> throw new LocalAgentException(GatewayErrors.BAD_CONFIG, "unknown store '" + kind + "'",
          "use --store jsonl (sessions kept on disk) or --store memory (lost at exit)");
    };
  }
}
