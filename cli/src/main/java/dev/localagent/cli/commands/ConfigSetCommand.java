package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.core.config.ConfigLoader;
import dev.localagent.core.config.ConfigSetter;
import dev.localagent.core.config.Secret;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent config set KEY VALUE}: edits the user (or project) config file in place. */
@Command(
    name = "set",
    description = {
      "Set one key in the user config file (or --config FILE, or --project).",
      "Comments and other keys are kept; the result is validated before it is written, and the",
      "file is replaced atomically. A file that does not parse is never touched."
    },
    footer = {"", "Examples:", "  localagent config set logging.level debug",
        "  localagent config set --project performance_alerts.error_rate.warning_percent 3"})
public final class ConfigSetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KEY", description = "Dotted key path, e.g. logging.level.")
  String key;

  @Parameters(index = "1", paramLabel = "VALUE", description = "The value, read as YAML (9000 is a number).")
  String value;

  @Option(names = "--project", description = "Write .localagent/config.yaml in the workdir instead.")
  boolean project;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = (LocalAgentCommand) spec.root().userObject();
    var context = root.contextWithoutConfig();
    ConfigLoader.Inputs inputs = root.configInputs();
    var target = project ? inputs.dirs().projectConfigFile() : inputs.userFile();
    var change = new ConfigSetter(new ConfigLoader(dev.localagent.cli.ConfigSections.SCHEMA)).set(inputs, target, key, value);
    String shown = change.secret() ? Secret.REDACTED : value;
    Printer.of(context).print(Map.of("file", change.file().toString(), "key", key, "value", shown),
        style -> "set " + key + " = " + shown + " in " + change.file());
    return 0;
  }
}
