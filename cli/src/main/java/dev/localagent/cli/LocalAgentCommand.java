package dev.localagent.cli;

import dev.localagent.core.config.Config;
import dev.localagent.core.config.Dirs;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code localagent}. Subcommands are registered here, one line each. */
@Command(
    name = "localagent",
    // Inherited: every subcommand gets --help and --version without repeating it.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A local-first AI agent runtime: chat, run, serve, plugins and benchmarks.",
    subcommands = {
      picocli.CommandLine.HelpCommand.class,
      dev.localagent.cli.commands.BenchCommand.class,
      dev.localagent.cli.commands.RunCommand.class,
      dev.localagent.cli.commands.ChatCommand.class,
      dev.localagent.cli.commands.SessionsCommand.class,
      dev.localagent.cli.commands.ProvidersCommand.class,
    },
    footer = {
      "",
      "Examples:",
      "  localagent doctor          check the installation",
      "  localagent --help COMMAND  help for one command",
    })
public final class LocalAgentCommand implements Runnable {
  private final Map<String, String> env;
  private AppContext context;

  @Mixin GlobalOptions globals = new GlobalOptions();

  @Spec CommandSpec spec;

  public LocalAgentCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public GlobalOptions globals() {
    return globals;
  }

  public Map<String, String> env() {
    return env;
  }

  /**
   * The composition root for one process: resolves directories and loads the configuration the
   * first time a command asks for it, so parsing and help stay fast.
   */
  public synchronized AppContext context() {
    if (context == null) {
      var workdir = globals.workdir != null ? globals.workdir : Path.of("").toAbsolutePath();
      var dirs = Dirs.fromEnvironment(env, workdir);
      var out = spec.commandLine().getOut();
      var err = spec.commandLine().getErr();
      // Layered loading (defaults, user, project, env, flags) replaces Config.defaults() here.
      context = new AppContext(dirs, Config.defaults(), env, out, err, globals);
    }
    return context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
