package dev.localagent.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent plugins disable ID}: persists the choice for later runs. */
@Command(
    name = "disable",
    description = "Disable a plugin; the choice is saved and overrides the 'plugins.disabled' setting.",
    footer = {"", "Examples:", "  localagent plugins disable text-stats"})
public final class PluginsDisableCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The plugin id.")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return PluginToggle.set(PluginsCommand.context(spec), id, false);
  }
}
