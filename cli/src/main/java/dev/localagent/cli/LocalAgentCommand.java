package dev.localagent.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code localagent}. Subcommands are registered here, one line each. */
@Command(
    name = "localagent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A local-first AI agent runtime: chat, run, serve, plugins and benchmarks.",
    subcommands = {
      picocli.CommandLine.HelpCommand.class,
    },
    footer = {
      "",
      "Examples:",
      "  localagent doctor          check the installation",
      "  localagent --help COMMAND  help for one command",
    })
public final class LocalAgentCommand implements Runnable {
  private final Map<String, String> env;

  @Mixin GlobalOptions globals = new GlobalOptions();

  @Spec CommandSpec spec;

  public LocalAgentCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public GlobalOptions globals() {
    return globals;
  }

  public Map<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
