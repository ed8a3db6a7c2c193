package dev.localagent.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent bench}: the capacity scenarios of the seed document, measured here. */
@Command(
    name = "bench",
    description = "Run capacity benchmarks and print measured figures.",
    subcommands = {
      BenchStartupCommand.class,
      BenchConfigCommand.class,
      BenchErrorsCommand.class,
      BenchSubprocessCommand.class,
      BenchFileIoCommand.class,
      BenchWebSocketCommand.class,
      BenchPluginsCommand.class,
      BenchAgentCommand.class,
      BenchClusterCommand.class,
      BenchGatewayClientCommand.class,
    },
    footer = {"", "Each scenario prints its command, the machine, medians and the comparison run beside it."})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
