package dev.localagent.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent plugins enable ID}: persists the choice for later runs. */
@Command(
    name = "enable",
    description = "Enable a plugin; the choice is saved and overrides the 'plugins.disabled' setting.",
    footer = {"", "Examples:", "  localagent plugins enable text-stats"})
public final class PluginsEnableCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The plugin id.")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return PluginToggle.set(PluginsCommand.context(spec), id, true);
  }
}
