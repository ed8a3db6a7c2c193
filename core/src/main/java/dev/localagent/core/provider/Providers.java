package dev.localagent.core.provider;

import dev.localagent.api.model.ModelProvider;
import dev.localagent.core.error.LocalAgentException;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds providers from configuration: the one place that knows every kind. */
public final class Providers {
  private Providers() {}

  /**
   * Finds the provider to use: the configured default when {@code name} is null, a configured
   * entry by name, the offline {@code echo} provider when named, or an ad-hoc server given as a
   * URL ({@code http://host:port/v1}, or {@code ollama+http://host:11434}).
   */
  public static ProviderConfig resolve(ProvidersConfig providers, String name) {
    String wanted = name != null ? name : providers.defaultProvider();
    if (wanted == null) {
      throw new LocalAgentException(
          ModelErrors.UNKNOWN_PROVIDER, "no model provider is configured",
          "add an entry under 'providers' in config.yaml (see docs/AGENT.md), or pass --provider URL");
    }
    var configured = providers.find(wanted);
    if (configured.isPresent()) {
      return configured.get();
    }
    if (wanted.equals("echo")) {
      return ProviderConfig.of("echo", "echo", null, "echo");
    }
    if (wanted.contains("://")) {
      int plus = wanted.indexOf('+');
      boolean kindGiven = plus > 0 && plus < wanted.indexOf("://");
      String kind = kindGiven ? wanted.substring(0, plus) : "openai";
      String url = kindGiven ? wanted.substring(plus + 1) : wanted;
      return ProviderConfig.of(url, kind, url, "");
    }
    String known = providers.entries().stream().map(ProviderConfig::name).collect(Collectors.joining(", "));
    throw new LocalAgentException(
        ModelErrors.UNKNOWN_PROVIDER, "no provider named '" + wanted + "'",
        "configured: " + (known.isEmpty() ? "(none)" : known) + "; 'echo' is the offline stand-in; a URL works too");
  }

  /** A provider without retry or breaker, for a quick health check that should fail fast. */
  public static ModelProvider createDirect(ProviderConfig config, Map<String, String> env) {
    return switch (config.kind()) {
      case "echo" -> new EchoProvider(config.name());
      case "ollama" -> new OllamaProvider(config, env);
      default -> new OpenAiProvider(config, env);
    };
  }

  /** A ready provider: HTTP kinds wrapped in retry, circuit breaker and rate limit. */
  public static ModelProvider create(ProviderConfig config, Map<String, String> env) {
    return switch (config.kind()) {
      case "echo" -> new EchoProvider(config.name());
      case "ollama" -> new ResilientProvider(new OllamaProvider(config, env), config);
      default -> new ResilientProvider(new OpenAiProvider(config, env), config);
    };
  }
}
