package dev.localagent.cli.commands;

import dev.localagent.cli.PluginPrinter;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent plugins doctor}: start every plugin and report each failure with its fix. */
@Command(
    name = "doctor",
    description = {
      "Start every enabled plugin and list each one that fails, with its error code, reason and fix.",
      "Exits with 4 when any plugin failed, 0 otherwise."
    },
    footer = {"", "Examples:", "  localagent plugins doctor", "  localagent plugins doctor --json"})
public final class PluginsDoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    List<PluginInfo> failed;
    int total;
    try (PluginHost host = PluginsCommand.open(context)) {
      host.activateAll();
      total = host.plugins().size();
      failed = host.plugins().stream().filter(p -> p.status() == PluginInfo.Status.FAILED).toList();
    }
    var out = context.out();
    if (context.json()) {
      new PluginPrinter(out).json(failed);
    } else if (failed.isEmpty()) {
      out.println("all " + total + " plugins are healthy");
    } else {
      out.println(failed.size() + " of " + total + " plugins failed:");
      for (PluginInfo p : failed) {
        out.println();
        out.println(p.id() + " (" + p.jar() + ")");
        out.println("  error[" + p.failure().code().id() + "]: " + p.failure().message());
        out.println("  fix: " + p.failure().hint());
      }
    }
    return failed.isEmpty() ? 0 : ExitCode.PLUGIN.code();
  }
}
