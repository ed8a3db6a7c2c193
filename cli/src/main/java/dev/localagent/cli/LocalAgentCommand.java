package dev.localagent.cli;

import dev.localagent.core.config.ConfigLoad;
import dev.localagent.core.config.ConfigLoader;
import dev.localagent.core.config.Dirs;
import dev.localagent.core.logging.LoggingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/**
 * The root command: {@code localagent}. Subcommands are registered here, one line each.
 *
 * <p>Built with picocli's programmatic API ({@link #commandSpec()}), not annotations: every
 * invocation goes through the root, and annotations cost a generated proxy class per annotation
 * type at each start (the AOT cache cannot keep them). Subcommands stay annotated; only the
 * one a command line names is reflected.
 */
public final class LocalAgentCommand implements Runnable {
  static final String NAME = "localagent";
  static final String DESCRIPTION = "A local-first AI agent runtime: chat, run, serve, plugins and benchmarks.";
  static final String[] FOOTER = {
    "",
    "Examples:",
    "  localagent doctor          check the installation",
    "  localagent --help COMMAND  help for one command",
  };

  /**
   * The subcommands by name, one line each (the name must match the class's {@code @Command}).
   * {@link Cli} registers only the one a command line names, so picocli reflects one command
   * class instead of all of them; help, completion and unknown names get all of them.
   */
  public static final Map<String, Class<?>> SUBCOMMANDS = Subcommands.named(
      "help", picocli.CommandLine.HelpCommand.class,
      "bench", dev.localagent.cli.commands.BenchCommand.class,
      "config", dev.localagent.cli.commands.ConfigCommand.class,
      "doctor", dev.localagent.cli.commands.DoctorCommand.class,
      "completion", dev.localagent.cli.commands.CompletionCommand.class,
      "run", dev.localagent.cli.commands.RunCommand.class,
      "chat", dev.localagent.cli.commands.ChatCommand.class,
      "sessions", dev.localagent.cli.commands.SessionsCommand.class,
      "providers", dev.localagent.cli.commands.ProvidersCommand.class,
      "plugins", dev.localagent.cli.commands.PluginsCommand.class,
      "serve", dev.localagent.cli.commands.ServeCommand.class,
      "attach", dev.localagent.cli.commands.AttachCommand.class,
      "send", dev.localagent.cli.commands.SendCommand.class,
      "mcp", dev.localagent.cli.commands.McpCommand.class,
      "alerts", dev.localagent.cli.commands.AlertsCommand.class);

  private final Map<String, String> env;
  private AppContext context;
  private ConfigLoad configLoad;

  private final GlobalOptions globals = new GlobalOptions();
  private final CommandSpec spec;

  public LocalAgentCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.spec = CommandSpec.wrapWithoutInspection(this).name(NAME)
        // Inherited: every subcommand gets the global options and the version provider without
        // repeating them (--help and --version: GlobalOptions.addHelpOptions).
        .scopeType(ScopeType.INHERIT)
        .versionProvider(new VersionProvider());
    spec.usageMessage().description(DESCRIPTION).footer(FOOTER);
    globals.addTo(spec);
  }

  /** The root command's model; subcommands are added to it by {@link Cli}. */
  public CommandSpec commandSpec() {
    return spec;
  }

  public GlobalOptions globals() {
    return globals;
  }

  public Map<String, String> env() {
    return env;
  }

  /**
   * The composition root for one process: resolves directories and loads the configuration the
   * first time a command asks for it, so parsing and help stay fast. A broken configuration
   * fails here with every error listed (exit code 3).
   */
  public synchronized AppContext context() {
    if (context == null) {
      StartupTrace.mark("parsed, context asked");
      var config = configLoad().orThrow();
      StartupTrace.mark("config loaded");
      printWarnings();
      var parsed = spec.commandLine().getParseResult();
      Logging.configure(new Logging.Settings(config.section(LoggingConfig.SECTION), dirs(), globals.debug,
          spec.commandLine().getErr(), parsed == null ? "" : String.join(" ", parsed.originalArgs()),
          configLoad.files(), configLoad.warnings().size()));
      StartupTrace.mark("logging configured");
      context = newContext(config);
      StartupTrace.mark("context");
    }
    return context;
  }

  /**
   * The context for commands that must run on a broken configuration ({@code doctor}, {@code
   * config validate|path|set}): the config is the built-in defaults; {@link #configLoad()} has
   * the real result.
   */
  public AppContext contextWithoutConfig() {
    return newContext(dev.localagent.core.config.Config.defaults());
  }

  /** The result of loading all five layers, errors included; loaded once per process. */
  public synchronized ConfigLoad configLoad() {
    if (configLoad == null) {
      configLoad = new ConfigLoader(ConfigSections.SCHEMA).load(configInputs());
    }
    return configLoad;
  }

  public ConfigLoader.Inputs configInputs() {
    var flags = new ArrayList<ConfigLoader.FlagValue>();
    if (globals.logLevel != null) {
      flags.add(new ConfigLoader.FlagValue("logging.level", globals.logLevel, "--log-level"));
    }
    return new ConfigLoader.Inputs(dirs(), Optional.ofNullable(globals.config), env, List.copyOf(flags));
  }

  public Dirs dirs() {
    var workdir = globals.workdir != null ? globals.workdir : Path.of("").toAbsolutePath();
    return Dirs.fromEnvironment(env, workdir);
  }

  private AppContext newContext(dev.localagent.core.config.Config config) {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    return new AppContext(dirs(), config, env, out, err, globals);
  }

  private void printWarnings() {
    var err = spec.commandLine().getErr();
    for (var warning : configLoad.warnings()) {
      err.println("warning[" + warning.code().id() + "]: " + warning.describe());
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
