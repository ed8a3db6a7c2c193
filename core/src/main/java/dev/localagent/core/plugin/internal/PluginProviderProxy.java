package dev.localagent.core.plugin.internal;

import dev.localagent.api.model.ChatRequest;
import dev.localagent.api.model.ChatResponse;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.model.ProviderException;
import dev.localagent.api.model.StreamListener;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.PluginErrors;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A plugin's model provider, known by id from the index and activated on first request. Plugin
 * failures surface as {@link ProviderException}s naming the plugin and the error code.
 */
public final class PluginProviderProxy implements ModelProvider {
  private final String pluginId;
  private final String providerId;
  private final SlotLookup slots;

  public PluginProviderProxy(String pluginId, String providerId, SlotLookup slots) {
    this.pluginId = pluginId;
    this.providerId = providerId;
    this.slots = slots;
  }

  @Override
  public String id() {
    return providerId;
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamListener listener)
      throws ProviderException, InterruptedException {
    return delegate(provider -> () -> provider.chat(request, listener));
  }

  @Override
  public List<String> models() throws ProviderException, InterruptedException {
    return delegate(provider -> provider::models);
  }

  private interface Action<T> {
    Callable<T> on(ModelProvider provider);
  }

  private <T> T delegate(Action<T> action) throws ProviderException, InterruptedException {
    PluginRuntime runtime;
    try {
      runtime = slots.enter(pluginId);
    } catch (LocalAgentException e) {
      throw new ProviderException(ProviderException.Kind.UNREACHABLE, e.code().id() + ": " + e.getMessage(), e);
    }
    try {
      ModelProvider provider = runtime.providers.get(providerId);
      if (provider == null) {
        throw new ProviderException(ProviderException.Kind.UNREACHABLE, PluginErrors.UNDECLARED_CONTRIBUTION.id()
            + ": plugin '" + pluginId + "' declares provider '" + providerId + "' but does not provide it");
      }
      return PluginRuntime.withLoader(runtime.loader, action.on(provider));
    } catch (ProviderException | InterruptedException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw new ProviderException(ProviderException.Kind.SERVER_ERROR,
          PluginErrors.CALL_FAILED.id() + ": provider '" + providerId + "' of plugin '" + pluginId + "' failed: " + e, e);
    } finally {
      runtime.exit();
    }
  }
}
