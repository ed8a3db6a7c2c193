package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class SubcommandsTest {

  private static CommandLine registered(String... args) {
    var root = new CommandLine(new LocalAgentCommand(Map.of()).commandSpec());
    Subcommands.register(root, LocalAgentCommand.SUBCOMMANDS, args);
    return root;
  }

  @Test
  void everyListedNameIsTheNameInTheCommandsAnnotation() {
    for (var entry : LocalAgentCommand.SUBCOMMANDS.entrySet()) {
      assertThat(entry.getValue().getAnnotation(Command.class).name()).isEqualTo(entry.getKey());
      for (var nested : Subcommands.nested(entry.getValue()).entrySet()) {
        assertThat(nested.getValue().getAnnotation(Command.class).name()).as(entry.getKey())
            .isEqualTo(nested.getKey());
      }
    }
  }

  @Test
  void aNestedCommandLineRegistersOnlyItsGroupAndTheNamedSubcommand() {
    var root = registered("--workdir", "/tmp", "plugins", "--json", "list");

    assertThat(root.getSubcommands()).containsOnlyKeys("plugins");
    assertThat(root.getSubcommands().get("plugins").getSubcommands()).containsOnlyKeys("list");
    assertThat(registered("config", "show").getSubcommands().get("config").getSubcommands())
        .containsOnlyKeys("show");
  }

  @Test
  void aGroupWithoutASubcommandOrWithHelpGetsAllOfItsSubcommands() {
    var all = Subcommands.nested(dev.localagent.cli.commands.PluginsCommand.class).keySet();

    assertThat(registered("plugins").getSubcommands().get("plugins").getSubcommands().keySet())
        .containsExactlyElementsOf(all);
    assertThat(registered("plugins", "--help", "list").getSubcommands().get("plugins").getSubcommands().keySet())
        .containsExactlyElementsOf(all);
    assertThat(registered("plugins", "lst").getSubcommands().get("plugins").getSubcommands().keySet())
        .containsExactlyElementsOf(all);
  }

  @Test
  void helpAndCompletionSeeTheWholeTreeAndVersionNone() {
    var root = registered("completion", "bash");

    assertThat(root.getSubcommands().keySet()).containsExactlyElementsOf(LocalAgentCommand.SUBCOMMANDS.keySet());
    assertThat(root.getSubcommands().get("config").getSubcommands()).containsKeys("show", "get", "set", "validate", "path");
    assertThat(registered("--version").getSubcommands()).isEmpty();
  }
}
