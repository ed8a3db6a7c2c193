package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidationTest {
  @TempDir Path temp;

  @Test
  void wrongTypeNamesFileLineColumnKeyExpectedAndFound() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "# alerts\nperformance_alerts:\n  plugin_loading:\n    plugins: lots\n");

    var result = cli.run("config", "show");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("error[LA-CONFIG-002]")
        .contains(cli.userConfig() + ":4:5")
        .contains("performance_alerts.plugin_loading.plugins")
        .contains("expected an integer, found \"lots\"")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void badEnumValueListsTheAllowedValues() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  level: loud\n");

    var result = cli.run("config", "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).contains(cli.userConfig() + ":2:3: logging.level")
        .contains("expected one of error, warn, info, debug, trace, found \"loud\"");
  }

  @Test
  void valuesTheRecordRejectsPointAtTheOffendingKey() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "performance_alerts:\n  error_rate:\n    warning_percent: 50\n");

    var result = cli.run("config", "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).contains("performance_alerts.error_rate")
        .contains("warning_percent < critical_percent");
  }

  @Test
  void unknownKeysWarnWithTheClosestValidKeyAndLoadingGoesOn() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  levle: debug\nloggin:\n  level: warn\n");

    var result = cli.run("config", "get", "logging.level");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).isEqualTo("info");
    assertThat(result.err())
        .contains("warning[LA-CONFIG-005]: " + cli.userConfig() + ":2:3: logging.levle")
        .contains("did you mean 'level'?")
        .contains(cli.userConfig() + ":3:1: loggin").contains("did you mean 'logging'?");
  }

  @Test
  void yamlSyntaxErrorNamesLineAndColumn() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  level: info\n   file: [oops\n");

    var result = cli.run("doctor");
    var validate = cli.run("config", "validate");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("config").contains("FAIL").contains("config validate");
    assertThat(validate.exitCode()).isEqualTo(3);
    assertThat(validate.out()).contains("error[LA-CONFIG-001]").containsPattern(
        java.util.regex.Pattern.quote(cli.userConfig().toString()) + ":3:\\d+");
  }

  @Test
  void missingEnvironmentVariableIsAnErrorNotAnEmptyString() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  file: ${LA_TEST_UNSET_VAR}/la.log\n");

    var result = cli.run("config", "show");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("error[LA-CONFIG-003]").contains(cli.userConfig() + ":2:9")
        .contains("logging.file").contains("LA_TEST_UNSET_VAR");
  }

  @Test
  void unreadableConfigFileIsReportedWithItsPath() throws Exception {
    var cli = new CliHarness(temp);
    // Tests may run as root, which reads any file; a directory in the file's place cannot be read.
    Files.createDirectories(cli.userConfig());

    var result = cli.run("config", "show");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("error[LA-CONFIG-004]").contains(cli.userConfig().toString())
        .contains("expected a readable config file");
  }

  @Test
  void explicitConfigFileThatDoesNotExistIsAnError() {
    var cli = new CliHarness(temp);

    var result = cli.run("--config", temp.resolve("nope.yaml").toString(), "config", "show");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("LA-CONFIG-004").contains("nope.yaml").contains("it does not exist");
  }

  @Test
  void validateJsonListsProblemsWithPosition() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  level: 7\n");

    var result = cli.run("--json", "config", "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).startsWith("{\"valid\":false,").contains("\"line\":2").contains("\"column\":3")
        .contains("\"key\":\"logging.level\"").contains("\"code\":\"LA-CONFIG-002\"");
  }
}
