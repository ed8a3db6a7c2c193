package dev.localagent.core.agent;

import dev.localagent.core.config.ConfigSection;

/** The {@code agent} section: the default step limit and an optional system prompt override. */
public record AgentConfig(int maxSteps, String systemPrompt) {
  public static final AgentConfig DEFAULT = new AgentConfig(25, null);
  public static final ConfigSection<AgentConfig> SECTION =
      new ConfigSection<>("agent", AgentConfig.class, DEFAULT);

  public AgentConfig {
    maxSteps = maxSteps <= 0 ? 25 : maxSteps;
  }
}
