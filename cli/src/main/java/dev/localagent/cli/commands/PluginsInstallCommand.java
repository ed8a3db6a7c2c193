package dev.localagent.cli.commands;

import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInstaller;
import dev.localagent.core.plugin.PluginManifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent plugins install PATH}: validate a plugin jar, then copy it in atomically. */
@Command(
    name = "install",
    description = {
      "Install a plugin jar into the user plugin directory.",
      "The jar is checked first (manifest, API version, entry class, id not taken); it is copied",
      "to a temporary file and renamed into place, so an interrupted install leaves nothing behind."
    },
    footer = {"", "Examples:", "  localagent plugins install ./text-stats-1.0.0.jar"})
public final class PluginsInstallCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PATH", description = "The plugin jar.")
  Path jar;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    var locations = PluginsCommand.locations(context);
    PluginManifest installed;
    try (PluginHost host = PluginsCommand.open(context)) {
      installed = new PluginInstaller(locations).install(context.workdir().resolve(jar), host.plugins());
    }
    try (PluginHost host = PluginsCommand.open(context)) {
      var info = PluginsCommand.find(host, installed.id());
      context.out().println("installed " + installed.id() + " " + installed.version() + " into "
          + locations.installDir() + " (" + info.status().name().toLowerCase() + ")");
      if (info.failure() != null) {
        context.out().println("  " + info.failure().code().id() + " " + info.failure().message());
        context.out().println("  fix: " + info.failure().hint());
      }
    }
    return 0;
  }
}
