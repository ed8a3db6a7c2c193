package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.cli.YamlText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code localagent config show}: the effective configuration, secrets redacted. */
@Command(
    name = "show",
    description = "Print the effective configuration after merging all layers (secrets redacted).",
    footer = {"", "Examples:", "  localagent config show", "  localagent --json config show"})
public final class ConfigShowCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var root = (LocalAgentCommand) spec.root().userObject();
    var context = root.context();
    var tree = root.configLoad().orThrow().redactedTree();
    Printer.of(context).print(tree, style -> YamlText.dump(tree).stripTrailing());
    return 0;
  }
}
