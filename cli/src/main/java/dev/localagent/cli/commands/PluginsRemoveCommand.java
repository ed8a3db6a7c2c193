package dev.localagent.cli.commands;

import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInstaller;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent plugins remove ID}: delete an installed plugin's jar. */
@Command(
    name = "remove",
    description = "Remove a plugin from the user or project plugin directory.",
    footer = {"", "Examples:", "  localagent plugins remove text-stats"})
public final class PluginsRemoveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The plugin id.")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    Path removed;
    try (PluginHost host = PluginsCommand.open(context)) {
      removed = new PluginInstaller(PluginsCommand.locations(context)).remove(id, host.plugins());
    }
    context.out().println("removed " + id + " (" + removed + ")");
    return 0;
  }
}
