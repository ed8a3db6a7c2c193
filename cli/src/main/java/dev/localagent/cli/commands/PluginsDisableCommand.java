package dev.localagent.cli.commands;

import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInstaller;
import dev.localagent.core.plugin.PluginInfo;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
    var context = PluginsCommand.context(spec);
    var locations = PluginsCommand.locations(context);
    Set<String> runnableBefore;
    try (PluginHost host = PluginsCommand.open(context)) {
      PluginsCommand.find(host, id);
      runnableBefore = runnable(host);
    }
    new PluginInstaller(locations).setEnabled(id, false);
    try (PluginHost host = PluginsCommand.open(context)) {
      var info = PluginsCommand.find(host, id);
      context.out().println("disabled " + id + " (now " + info.status().name().toLowerCase() + ")");
      if (info.failure() != null) {
        context.out().println("  " + info.failure().code().id() + " " + info.failure().message());
      }
      // Dependents follow the plugin: say which ones stopped or started being runnable.
      Set<String> runnableAfter = runnable(host);
      runnableBefore.stream().filter(p -> !p.equals(id) && !runnableAfter.contains(p))
          .forEach(p -> context.out().println("  also unavailable now: " + p + " (depends on " + id + ")"));
      runnableAfter.stream().filter(p -> !p.equals(id) && !runnableBefore.contains(p))
          .forEach(p -> context.out().println("  also available now: " + p));
    }
    return 0;
  }

  private static Set<String> runnable(PluginHost host) {
    return host.plugins().stream().filter(p -> p.status() == PluginInfo.Status.READY || p.status() == PluginInfo.Status.ACTIVE)
        .map(PluginInfo::id).collect(Collectors.toSet());
  }
}
