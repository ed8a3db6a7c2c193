package dev.localagent.cli.commands;

import dev.localagent.cli.PluginPrinter;
import dev.localagent.core.plugin.PluginHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent plugins list}: every plugin with its status, from the index. */
@Command(
    name = "list",
    description = "List installed plugins, their status and tools. Loads no plugin code.",
    footer = {"", "Examples:", "  localagent plugins list", "  localagent plugins list --json"})
public final class PluginsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    try (PluginHost host = PluginsCommand.open(context)) {
      dev.localagent.cli.StartupTrace.mark("plugin host open");
      var printer = new PluginPrinter(context.out());
      if (context.json()) {
        printer.json(host.plugins());
      } else {
        printer.table(host.plugins());
      }
    }
    return 0;
  }
}
