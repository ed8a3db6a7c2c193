package dev.localagent.core.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the engine runs turns: the model name sent to the provider, the step limit, the workdir
 * tools are confined to, the system prompt and extra request options (temperature, ...).
 */
public record EngineSettings(
    String model, int maxSteps, Path workdir, String systemPrompt, Map<String, Object> options, Duration closeGrace) {
  public static final String DEFAULT_SYSTEM_PROMPT =
      "You are LocalAgent, a coding agent. You work in the directory %s. Use the tools to inspect"
          + " and change files and to run commands; keep answers short and say what you changed.";

  public EngineSettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(workdir, "workdir");
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, was " + maxSteps);
    }
    systemPrompt = systemPrompt == null ? DEFAULT_SYSTEM_PROMPT.formatted(workdir) : systemPrompt;
    options = options == null ? Map.of() : Map.copyOf(options);
    closeGrace = closeGrace == null ? Duration.ofSeconds(5) : closeGrace;
  }

  public static EngineSettings of(String model, int maxSteps, Path workdir) {
    return new EngineSettings(model, maxSteps, workdir, null, null, null);
  }

  public EngineSettings withModel(String newModel) {
    return new EngineSettings(newModel, maxSteps, workdir, systemPrompt, options, closeGrace);
  }
}
