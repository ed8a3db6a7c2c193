package dev.localagent.cli.commands;

import dev.localagent.cli.Subcommands;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent providers}: the configured model servers. */
@Command(
    name = "providers",
    description = "List configured model providers and test that they answer.")
public final class ProvidersCommand implements Runnable {
  /** Registered by name, only the one a command line names (see {@code Subcommands}). */
  public static final Map<String, Class<?>> SUBCOMMANDS = Subcommands.named(
      "list", ProvidersListCommand.class,
      "test", ProvidersTestCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
