package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent config path}: where each config file layer lives and whether it exists. */
@Command(
    name = "path",
    description = "Print the user and project config file paths (and whether each exists).",
    footer = {"", "Examples:", "  localagent config path", "  localagent --json config path"})
public final class ConfigPathCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = (LocalAgentCommand) spec.root().userObject();
    var context = root.contextWithoutConfig();
    var inputs = root.configInputs();
    List<Map<String, Object>> layers = List.of(
        layer("user", inputs.userFile()),
        layer("project", inputs.dirs().projectConfigFile()));
    Printer.of(context).print(layers, style -> {
      var text = new StringBuilder();
      for (var layer : layers) {
        text.append(layer.get("layer")).append(": ").append(layer.get("path"))
            .append(Boolean.TRUE.equals(layer.get("exists")) ? "" : style.dim(" (does not exist)")).append('\n');
      }
      return text.toString().stripTrailing();
    });
    return 0;
  }

  private static Map<String, Object> layer(String name, java.nio.file.Path path) {
    var map = new LinkedHashMap<String, Object>();
    map.put("layer", name);
    map.put("path", path.toString());
    map.put("exists", Files.exists(path));
    return map;
  }
}
