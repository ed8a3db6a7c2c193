package dev.localagent.cli.commands;

import dev.localagent.cli.PluginPrinter;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent plugins info ID}: one plugin's manifest, status and failure. */
@Command(
    name = "info",
    description = "Show a plugin's manifest: tools with schemas, commands, dependencies, permissions.",
    footer = {"", "Examples:", "  localagent plugins info text-stats", "  localagent plugins info text-stats --json"})
public final class PluginsInfoCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The plugin id.")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    try (PluginHost host = PluginsCommand.open(context)) {
      PluginInfo info = PluginsCommand.find(host, id);
      var printer = new PluginPrinter(context.out());
      if (context.json()) {
        printer.json(info);
      } else {
        printer.details(info);
      }
    }
    return 0;
  }
}
