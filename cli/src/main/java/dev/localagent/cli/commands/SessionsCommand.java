package dev.localagent.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent sessions}: the stored session logs. */
@Command(
    name = "sessions",
    description = "List, show, resume, export and remove stored sessions.",
    subcommands = {
      SessionsListCommand.class,
      SessionsShowCommand.class,
      SessionsResumeCommand.class,
      SessionsExportCommand.class,
      SessionsRmCommand.class,
    })
public final class SessionsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
