package dev.localagent.core.provider;

import dev.localagent.core.config.Secret;
import dev.localagent.core.error.LocalAgentException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One configured model server. Zero or missing numbers take the defaults shown in docs/AGENT.md.
 *
 * @param kind {@code openai} (any Chat Completions server), {@code ollama} (native API) or
 *     {@code echo} (offline, for demos)
 * @param apiKey the API key as a secret reference ({@code ${OPENAI_API_KEY}}, {@code {env: VAR}}
 *     or {@code {file: path}}); never logged or printed
 * @param numCtx the context window to ask Ollama for; 0 means the model's own, capped at 32768
 */
public record ProviderConfig(
    String name,
    String kind,
    String baseUrl,
    String model,
    Secret apiKey,
    Integer numCtx,
    Integer connectTimeoutMs,
    Integer firstTokenTimeoutMs,
    Integer idleTimeoutMs,
    Integer maxAttempts,
    Integer backoffMs,
    Integer requestsPerSecond,
    Integer breakerMinCalls,
    Integer breakerOpenMs) {
  private static final Set<String> KINDS = Set.of("openai", "ollama", "echo");

  public ProviderConfig {
    if (name == null || name.isBlank()) {
      throw bad("a provider entry has no name", "give every entry under providers.entries a name");
    }
    kind = kind == null ? "openai" : kind;
    if (!KINDS.contains(kind)) {
      throw bad("provider '" + name + "' has kind '" + kind + "'", "use kind: openai, ollama or echo");
    }
    baseUrl = baseUrl == null ? defaultUrl(kind) : stripSlash(baseUrl);
    checkUrl(name, kind, baseUrl);
    model = model == null ? "" : model;
    apiKey = apiKey == null ? Secret.NONE : apiKey;
    numCtx = positiveOr(numCtx, 0);
    connectTimeoutMs = positiveOr(connectTimeoutMs, 3_000);
    firstTokenTimeoutMs = positiveOr(firstTokenTimeoutMs, 120_000);
    idleTimeoutMs = positiveOr(idleTimeoutMs, 60_000);
    maxAttempts = positiveOr(maxAttempts, 4);
    backoffMs = positiveOr(backoffMs, 500);
    requestsPerSecond = positiveOr(requestsPerSecond, 20);
    breakerMinCalls = positiveOr(breakerMinCalls, 5);
    breakerOpenMs = positiveOr(breakerOpenMs, 30_000);
  }

  /** A provider with every tuning value at its default. */
  public static ProviderConfig of(String name, String kind, String baseUrl, String model) {
    return new ProviderConfig(name, kind, baseUrl, model, null, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** A copy using another model. */
  public ProviderConfig withModel(String newModel) {
    return new ProviderConfig(
        name, kind, baseUrl, newModel, apiKey, numCtx, connectTimeoutMs, firstTokenTimeoutMs,
        idleTimeoutMs, maxAttempts, backoffMs, requestsPerSecond, breakerMinCalls, breakerOpenMs);
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(connectTimeoutMs);
  }

  public Duration firstTokenTimeout() {
    return Duration.ofMillis(firstTokenTimeoutMs);
  }

  public Duration idleTimeout() {
    return Duration.ofMillis(idleTimeoutMs);
  }

  private static String defaultUrl(String kind) {
    return switch (kind) {
      case "ollama" -> "http://127.0.0.1:11434";
      case "echo" -> "offline://echo";
      default -> "http://127.0.0.1:8080/v1";
    };
  }

  private static void checkUrl(String name, String kind, String url) {
    if (kind.equals("echo")) {
      return;
    }
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("not http(s)");
      }
    } catch (IllegalArgumentException e) {
      throw bad("provider '" + name + "' has base_url '" + url + "'", "use an http(s) URL such as http://127.0.0.1:11434");
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Missing (null) or non-positive numbers take the default. */
  private static Integer positiveOr(Integer value, int fallback) {
    return value != null && value > 0 ? value : fallback;
  }

  private static LocalAgentException bad(String what, String hint) {
    return new LocalAgentException(ModelErrors.BAD_CONFIG, what, hint);
  }
}
