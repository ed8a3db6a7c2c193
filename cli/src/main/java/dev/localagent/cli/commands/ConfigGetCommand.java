package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.cli.YamlText;
import dev.localagent.core.config.ConfigErrors;
import dev.localagent.core.config.KeySuggestions;
import dev.localagent.core.error.LocalAgentException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent config get KEY}: one effective value and where it came from. */
@Command(
    name = "get",
    description = "Print the effective value of one key (a dotted path) and, with --json, its source.",
    footer = {"", "Examples:", "  localagent config get logging.level",
        "  localagent config get performance_alerts.memory_usage --json"})
public final class ConfigGetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KEY", description = "Dotted key path, e.g. logging.level.")
  String key;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = (LocalAgentCommand) spec.root().userObject();
    var context = root.context();
    var config = root.configLoad().orThrow();
    Object value = config.lookup(key).orElseThrow(() -> new LocalAgentException(
        ConfigErrors.UNKNOWN_KEY, "unknown config key '" + key + "'",
        KeySuggestions.closest(key, config.keyPaths()).map(s -> "did you mean '" + s + "'?")
            .orElse("'localagent config show' lists every key")));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("key", key);
    data.put("value", value);
    data.put("source", config.sourceOf(key).toString());
    Printer.of(context).print(data, style -> value instanceof Map<?, ?> || value instanceof java.util.List<?>
        ? YamlText.dump(value).stripTrailing() : String.valueOf(value));
    return 0;
  }
}
