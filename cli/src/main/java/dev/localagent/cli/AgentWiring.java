package dev.localagent.cli;

import dev.localagent.api.model.ModelProvider;
import dev.localagent.core.agent.AgentConfig;
import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.provider.ProvidersConfig;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionsConfig;
import dev.localagent.core.tool.ToolRegistry;

/**
 * Wires the agent for one CLI process by hand: session store, provider, tools and engine. The
 * commands {@code run} and {@code chat} use it; the gateway has its own composition.
 */
public final class AgentWiring implements AutoCloseable {
  public final JsonlSessionStore store;
  public final ProviderConfig providerConfig;
  public final ModelProvider provider;
  public final ToolRegistry tools;
  public final DefaultAgentEngine engine;
  private final Toolbox toolbox;

  private AgentWiring(JsonlSessionStore store, ProviderConfig providerConfig, ModelProvider provider,
      ToolRegistry tools, DefaultAgentEngine engine, Toolbox toolbox) {
    this.toolbox = toolbox;
    this.store = store;
    this.providerConfig = providerConfig;
    this.provider = provider;
    this.tools = tools;
    this.engine = engine;
  }

  public static JsonlSessionStore store(AppContext context) {
    return new JsonlSessionStore(context.dirs().sessionsDir(), context.config().section(SessionsConfig.SECTION));
  }

  /**
   * Builds everything for a turn.
   *
   * @param providerName a configured provider, {@code echo}, a URL, or null for the default
   * @param model a model name overriding the provider's, or null
   * @param maxSteps a step limit overriding the config, or null
   */
  public static AgentWiring open(AppContext context, String providerName, String model, Integer maxSteps) {
    ProviderConfig config = Providers.resolve(context.config().section(ProvidersConfig.SECTION), providerName);
    if (model != null) {
      config = config.withModel(model);
    }
    ModelProvider provider = Providers.create(config, context.env());
    AgentConfig agent = context.config().section(AgentConfig.SECTION);
    var settings = new EngineSettings(config.model().isEmpty() ? "default" : config.model(),
        maxSteps != null ? maxSteps : agent.maxSteps(), context.workdir(), agent.systemPrompt(), null, null);
    Toolbox toolbox = Toolbox.open(context);
    var store = store(context);
    toolbox.awaitMcpServers(context);
    var engine = new DefaultAgentEngine(store, provider, toolbox.registry(), toolbox.invoker(), settings);
    return new AgentWiring(store, config, provider, toolbox.registry(), engine, toolbox);
  }

  @Override
  public void close() {
    engine.close();
    store.close();
    toolbox.close();
  }
}
