package dev.localagent.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent providers}: the configured model servers. */
@Command(
    name = "providers",
    description = "List configured model providers and test that they answer.",
    subcommands = {ProvidersListCommand.class, ProvidersTestCommand.class})
public final class ProvidersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
