package dev.localagent.core.provider;

import dev.localagent.core.config.ConfigSection;
import dev.localagent.core.error.LocalAgentException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code providers} section: the model servers LocalAgent may talk to and which one is used
 * when {@code --provider} is not given. The offline {@code echo} provider is never in the
 * defaults: it is used only when named.
 */
public record ProvidersConfig(String defaultProvider, List<ProviderConfig> entries) {
  public static final ProvidersConfig DEFAULT =
      new ProvidersConfig(
          "ollama",
          List.of(
              ProviderConfig.of("ollama", "ollama", "http://127.0.0.1:11434", "qwen2.5-coder:7b"),
              ProviderConfig.of("llamacpp", "openai", "http://127.0.0.1:8080/v1", "default")));
  public static final ConfigSection<ProvidersConfig> SECTION =
      new ConfigSection<>("providers", ProvidersConfig.class, DEFAULT);

  public ProvidersConfig {
    entries = entries == null ? List.of() : List.copyOf(entries);
    var names = new HashSet<String>();
    for (ProviderConfig entry : entries) {
      if (!names.add(entry.name())) {
        throw new LocalAgentException(
            ModelErrors.BAD_CONFIG, "two providers are named '" + entry.name() + "'", "give each entry its own name");
      }
    }
    defaultProvider = defaultProvider == null && !entries.isEmpty() ? entries.getFirst().name() : defaultProvider;
  }

  public Optional<ProviderConfig> find(String name) {
    return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }
}
