package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliBasicsTest {
  @TempDir Path temp;

  @Test
  void helpListsTheFoundationCommandsWithExamples() {
    var result = new CliHarness(temp).runRaw("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("config").contains("doctor").contains("completion")
        .contains("--no-color").contains("Examples:");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void everyFoundationCommandHasHelpWithExamples() {
    var cli = new CliHarness(temp);
    for (var command : new String[][] {{"config"}, {"config", "show"}, {"config", "get"},
        {"config", "set"}, {"config", "validate"}, {"config", "path"}, {"doctor"}, {"completion"}}) {
      var args = new String[command.length + 1];
      System.arraycopy(command, 0, args, 0, command.length);
      args[command.length] = "--help";
      var result = cli.runRaw(args);
      assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(result.out()).as(String.join(" ", command)).contains("Usage: localagent").contains("Examples:");
    }
  }

  @Test
  void versionPrintsTheVersionAndTheJava() {
    var result = new CliHarness(temp).runRaw("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("localagent ").contains("Java 25");
  }

  @Test
  void bareVersionPrintsExactlyWhatPicocliPrintsForVersionWithOtherOptions() {
    var cli = new CliHarness(temp);
    // --version alone and -V alone are answered before the command tree is built; with any other
    // option picocli answers. Both must print the same bytes.
    var throughPicocli = cli.runRaw("--no-color", "--version");
    var jsonThroughPicocli = cli.runRaw("--json", "-V");

    for (var bare : new String[] {"--version", "-V"}) {
      var result = cli.runRaw(bare);

      assertThat(result.exitCode()).as(bare).isZero();
      assertThat(result.err()).as(bare).isEmpty();
      assertThat(result.out()).as(bare).isEqualTo(throughPicocli.out()).isEqualTo(jsonThroughPicocli.out());
    }
    assertThat(throughPicocli.exitCode()).isZero();
    assertThat(throughPicocli.out().lines()).hasSize(2);
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCode2() {
    var result = new CliHarness(temp).runRaw("--bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("error[LA-GEN-004]").contains("--bogus").contains("hint:");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void missingArgumentIsAUsageError() {
    var result = new CliHarness(temp).run("config", "get");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("KEY").contains("localagent config get --help");
  }

  @Test
  void unknownKeyInGetExitsWithConfigCodeAndSuggestion() {
    var result = new CliHarness(temp).run("config", "get", "loging.level");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("error[LA-CONFIG-005]").contains("did you mean 'logging.level'?");
  }

  @Test
  void getJsonHasKeyValueAndSource() {
    var result = new CliHarness(temp).run("--json", "config", "get", "performance_alerts.plugin_loading");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).isEqualTo("{\"key\":\"performance_alerts.plugin_loading\","
        + "\"value\":{\"plugins\":100,\"warning\":\"2s\",\"critical\":\"5s\"},\"source\":\"built-in defaults\"}");
  }

  @Test
  void showPrintsTheSeedThresholdsAsDefaults() {
    var result = new CliHarness(temp).run("config", "show");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("""
        performance_alerts:
          plugin_loading:
            plugins: 100
            warning: 2s
            critical: 5s
          websocket_throughput:
            warning_below: 1500
            critical_below: 1000
          memory_usage:
            warning: 500MB
            critical: 1GB
          error_rate:
            warning_percent: 5.0
            critical_percent: 10.0""");
  }

  @Test
  void pathJsonNamesBothFileLayers() {
    var cli = new CliHarness(temp);

    var result = cli.run("--json", "config", "path");

    assertThat(result.out().strip()).isEqualTo("[{\"layer\":\"user\",\"path\":\"" + cli.userConfig()
        + "\",\"exists\":false},{\"layer\":\"project\",\"path\":\"" + cli.projectConfig() + "\",\"exists\":false}]");
  }

  @Test
  void noColorLeavesNoEscapeCodesAnywhere() {
    var cli = new CliHarness(temp);
    cli.env.put("NO_COLOR", "1");

    for (var args : new String[][] {{"--help"}, {"doctor"}, {"config", "validate"}, {"config", "show"}}) {
      var result = cli.run(args);
      assertThat(result.out() + result.err()).as(String.join(" ", args)).doesNotContain("\u001b[");
    }
  }

  @Test
  void styleIsTheOnlySourceOfEscapeCodesAndPlainHasNone() {
    assertThat(Style.PLAIN.red("x") + Style.PLAIN.bold("y") + Style.PLAIN.green("z")).isEqualTo("xyz");
    assertThat(Style.ANSI.red("x")).isEqualTo("\u001b[31mx\u001b[0m");
  }
}
