package dev.localagent.cli.commands;

import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code chat}. */
public final class AgentOptions {
  @Option(names = "--provider", paramLabel = "NAME|URL",
      description = "A configured provider, 'echo' (offline stand-in), or a server URL such as"
          + " http://127.0.0.1:8080/v1 or ollama+http://127.0.0.1:11434.")
  String provider;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model name (default: the provider's).")
  String model;

  @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N model steps (default: agent.max_steps, 25).")
  Integer maxSteps;

  @Option(names = "--session", paramLabel = "ID", description = "Continue this session instead of starting one.")
  String session;
}
