package dev.localagent.cli.commands;

import dev.localagent.cli.Subcommands;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent sessions}: the stored session logs. */
@Command(
    name = "sessions",
    description = "List, show, resume, export and remove stored sessions.")
public final class SessionsCommand implements Runnable {
  /** Registered by name, only the one a command line names (see {@code Subcommands}). */
  public static final Map<String, Class<?>> SUBCOMMANDS = Subcommands.named(
      "list", SessionsListCommand.class,
      "show", SessionsShowCommand.class,
      "resume", SessionsResumeCommand.class,
      "export", SessionsExportCommand.class,
      "rm", SessionsRmCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
