package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.core.config.ConfigProblem;
import dev.localagent.core.error.ExitCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent config validate}: every error and warning in every layer; exit 3 on errors. */
@Command(
    name = "validate",
    description = "Check all layers and list every problem with file, line and column. Exit code 3 on errors.",
    footer = {"", "Examples:", "  localagent config validate", "  localagent --json config validate"})
public final class ConfigValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = (LocalAgentCommand) spec.root().userObject();
    var context = root.contextWithoutConfig();
    var load = root.configLoad();
    var data = new LinkedHashMap<String, Object>();
    data.put("valid", load.ok());
    data.put("files", load.files().stream().map(Object::toString).toList());
    data.put("problems", load.problems().stream().map(ConfigValidateCommand::asMap).toList());
    Printer.of(context).print(data, style -> human(load.ok(), load.files(), load.problems(), style));
    return load.ok() ? 0 : ExitCode.CONFIG.code();
  }

  private static String human(boolean ok, List<java.nio.file.Path> files, List<ConfigProblem> problems,
      dev.localagent.cli.Style style) {
    var text = new StringBuilder();
    for (var problem : problems) {
      String label = problem.isError() ? style.red("error") : style.yellow("warning");
      text.append(label).append('[').append(problem.code().id()).append("]: ")
          .append(problem.describe()).append('\n');
    }
    String read = files.isEmpty() ? "no config files (built-in defaults)" : "read " + files;
    text.append(ok ? style.green("configuration is valid") : style.red("configuration is invalid"))
        .append(" (").append(read).append(')');
    return text.toString();
  }

  private static Map<String, Object> asMap(ConfigProblem problem) {
    var map = new LinkedHashMap<String, Object>();
    map.put("severity", problem.severity().name().toLowerCase(java.util.Locale.ROOT));
    map.put("code", problem.code().id());
    map.put("source", problem.location().source());
    map.put("line", problem.location().line());
    map.put("column", problem.location().column());
    map.put("key", problem.keyPath());
    map.put("expected", problem.expected());
    map.put("found", problem.found());
    map.put("hint", problem.hint());
    return map;
  }
}
