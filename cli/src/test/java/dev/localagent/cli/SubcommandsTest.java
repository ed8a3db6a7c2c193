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

  /** The name a command class gives itself: its own model's, or its annotation's. */
  private static String declaredName(Class<?> type) throws ReflectiveOperationException {
    if (SpecCommand.class.isAssignableFrom(type)) {
      return ((SpecCommand) type.getConstructor().newInstance()).spec().name();
    }
    return type.getAnnotation(Command.class).name();
  }

  @Test
  void everyListedNameIsTheNameTheCommandDeclares() throws Exception {
    for (var entry : LocalAgentCommand.SUBCOMMANDS.entrySet()) {
      assertThat(declaredName(entry.getValue())).isEqualTo(entry.getKey());
      for (var nested : Subcommands.nested(entry.getValue()).entrySet()) {
        assertThat(declaredName(nested.getValue())).as(entry.getKey()).isEqualTo(nested.getKey());
      }
    }
  }

  @Test
  void commandsThatBuildTheirOwnModelAreRegisteredWithoutTheirAnnotations() {
    var plugins = registered("plugins", "list").getSubcommands().get("plugins");

    assertThat(dev.localagent.cli.commands.PluginsCommand.class.getAnnotations()).isEmpty();
    assertThat(plugins.getCommandSpec().userObject()).isInstanceOf(dev.localagent.cli.commands.PluginsCommand.class);
    var list = plugins.getSubcommands().get("list").getCommandSpec();
    assertThat(list.userObject()).isInstanceOf(dev.localagent.cli.commands.PluginsListCommand.class);
    assertThat(list.qualifiedName()).isEqualTo("localagent plugins list");
    // Inherited from the root like an annotated command's: --json reaches the listing.
    assertThat(list.optionsMap()).containsKey("--json");
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
