package dev.localagent.cli.commands;

import dev.localagent.cli.AppContext;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.SpecCommand;
import dev.localagent.cli.Subcommands;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginLocations;
import dev.localagent.core.plugin.PluginsConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code localagent plugins}: list, inspect, install and manage plugins. Built with picocli's
 * programmatic API ({@link SpecCommand}), as is {@code list}: {@code plugins list} is the
 * command whose start-up time with a thousand plugins installed is measured (docs/CAPACITY.md).
 */
public final class PluginsCommand implements Runnable, SpecCommand {
  /** Registered by name, only the one a command line names (see {@code Subcommands}). */
  public static final Map<String, Class<?>> SUBCOMMANDS = Subcommands.named(
      "list", PluginsListCommand.class,
      "info", PluginsInfoCommand.class,
      "enable", PluginsEnableCommand.class,
      "disable", PluginsDisableCommand.class,
      "install", PluginsInstallCommand.class,
      "remove", PluginsRemoveCommand.class,
      "doctor", PluginsDoctorCommand.class,
      "new", PluginsNewCommand.class,
      "run", PluginsRunCommand.class);

  private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("plugins");

  public PluginsCommand() {
    spec.usageMessage()
        .description(
            "List, inspect, install, enable and disable plugins.",
            "Plugins are jars in the user plugin directory, the project's .localagent/plugins, and",
            "the directories in the 'plugins.extra_dirs' setting. Listing reads an index, not the jars.")
        .footer(
            "",
            "Examples:",
            "  localagent plugins list --json",
            "  localagent plugins install ./text-stats-1.0.0.jar",
            "  localagent plugins doctor",
            "  localagent plugins new word-count");
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static AppContext context(CommandSpec spec) {
    return ((LocalAgentCommand) spec.root().userObject()).context();
  }

  public static PluginLocations locations(AppContext context) {
    PluginsConfig config = context.config().section(PluginsConfig.SECTION);
    String home = context.env().get("LOCALAGENT_HOME");
    Path builtin = home == null || home.isBlank() ? null : Path.of(home, "plugins");
    return PluginLocations.of(context.dirs(), config, builtin);
  }

  /** The plugin host for this process, reading the index (no plugin class is loaded here). */
  public static PluginHost open(AppContext context) {
    return PluginHost.open(locations(context), context.config().section(PluginsConfig.SECTION));
  }

  static PluginInfo find(PluginHost host, String id) {
    return host.plugin(id).orElseThrow(() -> new LocalAgentException(GeneralErrors.NOT_FOUND,
        "no plugin '" + id + "' is installed", "run 'localagent plugins list' to see the installed plugins"));
  }
}
