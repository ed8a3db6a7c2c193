package dev.localagent.cli.commands;

import dev.localagent.cli.PluginPrinter;
import dev.localagent.cli.SpecCommand;
import dev.localagent.cli.StartupTrace;
import dev.localagent.core.plugin.PluginHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localagent plugins list}: every plugin with its status, from the index. Built with
 * picocli's programmatic API, like {@link PluginsCommand}: no annotation is read on its path.
 */
public final class PluginsListCommand implements Callable<Integer>, SpecCommand {
  private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("list");

  public PluginsListCommand() {
    spec.usageMessage()
        .description("List installed plugins, their status and tools. Loads no plugin code.")
        .footer("", "Examples:", "  localagent plugins list", "  localagent plugins list --json");
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    try (PluginHost host = PluginsCommand.open(context)) {
      StartupTrace.mark("plugin host open");
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
