package dev.localagent.cli.commands;

import dev.localagent.cli.PluginPrinter;
import dev.localagent.cli.SpecCommand;
import dev.localagent.cli.StartupTrace;
import dev.localagent.core.plugin.PluginListing;
import dev.localagent.core.plugin.PluginsConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localagent plugins list}: every plugin with its status, from the saved listing when
 * nothing changed since the last one, else from the index and the resolver. Built with
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
    PluginListing listing = PluginListing.load(PluginsCommand.locations(context),
        context.config().section(PluginsConfig.SECTION));
    StartupTrace.mark(listing.fromSavedListing() ? "saved plugin listing matched" : "saved plugin listing missed");
    var printer = new PluginPrinter(context.out());
    if (context.json()) {
      printer.json(listing.plugins());
    } else {
      var summaries = listing.summaries();
      StartupTrace.mark("plugins resolved");
      printer.table(summaries);
    }
    return 0;
  }
}
