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
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.core.tool.builtin.BuiltinTools;
import dev.localagent.core.tool.chain.ChainToolInvoker;
import dev.localagent.core.policy.PolicyConfig;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.cli.commands.PluginsCommand;

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
  private final PluginHost plugins;

  private AgentWiring(JsonlSessionStore store, ProviderConfig providerConfig, ModelProvider provider,
      ToolRegistry tools, DefaultAgentEngine engine, PluginHost plugins) {
    this.plugins = plugins;
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
    var tools = new ToolRegistry();
    PluginHost plugins = PluginsCommand.open(context);
    ToolInvoker invoker = toolInvoker(context, tools, plugins);
    var store = store(context);
    return new AgentWiring(store, config, provider, tools, new DefaultAgentEngine(store, provider, tools, invoker, settings),
        plugins);
  }

  /**
   * The tool chain: built-in tools plus the tools of installed plugins (lazy: listed from the
   * plugin index, a plugin's classes load on its first call), behind audit, policy and approval.
   */
  private static ToolInvoker toolInvoker(AppContext context, ToolRegistry tools, PluginHost plugins) {
    BuiltinTools.registerAll(tools, context.env());
    plugins.registerTools(tools);
    return ChainToolInvoker.create(tools, context.config().section(PolicyConfig.SECTION), context.dirs(), context.env());
  }

  @Override
  public void close() {
    engine.close();
    store.close();
    plugins.close();
  }
}
