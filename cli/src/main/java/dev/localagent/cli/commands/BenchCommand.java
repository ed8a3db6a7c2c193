package dev.localagent.cli.commands;

import dev.localagent.cli.Subcommands;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent bench}: the capacity scenarios of the seed document, measured here. */
@Command(
    name = "bench",
    description = "Run capacity benchmarks and print measured figures.",
    footer = {"", "Each scenario prints its command, the machine, medians and the comparison run beside it."})
public final class BenchCommand implements Runnable {
  /** Registered by name, only the one a command line names (see {@code Subcommands}). */
  public static final Map<String, Class<?>> SUBCOMMANDS = Subcommands.named(
      "startup", BenchStartupCommand.class,
      "config", BenchConfigCommand.class,
      "errors", BenchErrorsCommand.class,
      "subprocess", BenchSubprocessCommand.class,
      "fileio", BenchFileIoCommand.class,
      "websocket", BenchWebSocketCommand.class,
      "plugins", BenchPluginsCommand.class,
      "agent", BenchAgentCommand.class,
      "cluster", BenchClusterCommand.class,
      "gateway-client", BenchGatewayClientCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
