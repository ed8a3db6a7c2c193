package dev.localagent.cli.commands;

import dev.localagent.cli.AppContext;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginInstaller;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@code plugins enable} and {@code plugins disable} share: save the choice, report the effect. */
final class PluginToggle {
  private PluginToggle() {}

  static int set(AppContext context, String id, boolean enabled) {
    Set<String> runnableBefore;
    try (PluginHost host = PluginsCommand.open(context)) {
      PluginsCommand.find(host, id);
      runnableBefore = runnable(host);
    }
    new PluginInstaller(PluginsCommand.locations(context)).setEnabled(id, enabled);
    try (PluginHost host = PluginsCommand.open(context)) {
      var info = PluginsCommand.find(host, id);
      context.out().println((enabled ? "enabled " : "disabled ") + id
          + " (now " + info.status().name().toLowerCase(Locale.ROOT) + ")");
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
    return host.plugins().stream()
        .filter(p -> p.status() == PluginInfo.Status.READY || p.status() == PluginInfo.Status.ACTIVE)
        .map(PluginInfo::id).collect(Collectors.toSet());
  }
}
