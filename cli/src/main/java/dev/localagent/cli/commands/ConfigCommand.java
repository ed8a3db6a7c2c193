package dev.localagent.cli.commands;

import dev.localagent.cli.Subcommands;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent config}: inspect and edit the layered configuration. */
@Command(
    name = "config",
    description = {
      "Show, query, edit and check the configuration.",
      "Layers, lowest first: built-in defaults, user file (or --config FILE), project file",
      ".localagent/config.yaml, LOCALAGENT_<SECTION>__<KEY> environment variables, flags."
    },
    footer = {
      "",
      "Examples:",
      "  localagent config show --json",
      "  localagent config get logging.level",
      "  localagent config set logging.level debug",
      "  LOCALAGENT_LOGGING__LEVEL=debug localagent config get logging.level",
    })
public final class ConfigCommand implements Runnable {
  /** Registered by name, only the one a command line names (see {@code Subcommands}). */
  public static final Map<String, Class<?>> SUBCOMMANDS = Subcommands.named(
      "show", ConfigShowCommand.class,
      "get", ConfigGetCommand.class,
      "set", ConfigSetCommand.class,
      "validate", ConfigValidateCommand.class,
      "path", ConfigPathCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
