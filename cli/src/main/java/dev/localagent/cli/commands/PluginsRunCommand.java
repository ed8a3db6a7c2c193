package dev.localagent.cli.commands;

import dev.localagent.api.plugin.CommandIO;
import dev.localagent.core.plugin.PluginHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code localagent plugins run NAME ARGS...}: run a command contributed by a plugin. */
@Command(
    name = "run",
    description = "Run a command contributed by a plugin ('plugins list' and 'plugins info' show them).",
    footer = {"", "Examples:", "  localagent plugins run greet Ada"})
public final class PluginsRunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin command.")
  String name;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the command.")
  List<String> args = new ArrayList<>();

  @Unmatched List<String> unmatched = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    var all = new ArrayList<>(args);
    all.addAll(unmatched);
    var io = new CommandIO() {
      @Override
      public PrintWriter out() {
        return context.out();
      }

      @Override
      public PrintWriter err() {
        return context.err();
      }

      @Override
      public Path workdir() {
        return context.workdir();
      }
    };
    try (PluginHost host = PluginsCommand.open(context)) {
      return host.runCommand(name, all, io);
    }
  }
}
