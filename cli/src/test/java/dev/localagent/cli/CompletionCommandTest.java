package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  @TempDir Path temp;

  @Test
  void bashScriptRegistersACompletionFunctionForEveryCommand() {
    var result = new CliHarness(temp).runRaw("completion", "bash");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("complete -F _complete_localagent")
        .contains("_picocli_localagent_config_set").contains("_picocli_localagent_doctor");
  }

  @Test
  void zshGetsTheBashScriptWhichLoadsBashcompinit() {
    assertThat(new CliHarness(temp).runRaw("completion", "zsh").out()).contains("bashcompinit");
  }

  @Test
  void fishScriptCompletesSubcommandsAndOptionsAtEachLevel() {
    var result = new CliHarness(temp).runRaw("completion", "fish");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .containsPattern(
            "complete -c localagent -n 'not __fish_seen_subcommand_from [^']*\\bconfig\\b[^']*'"
                + " -a config -d 'Show, query, edit and check the configuration.'")
        .contains("-n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from show get set validate path' -a set")
        .contains("-l json -d 'Print machine-readable JSON instead of text.'")
        .contains("-n '__fish_seen_subcommand_from config; and __fish_seen_subcommand_from set' -l project");
  }

  @Test
  void unknownShellIsAUsageError() {
    var result = new CliHarness(temp).runRaw("completion", "powershell");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("bash, zsh, fish");
  }
}
