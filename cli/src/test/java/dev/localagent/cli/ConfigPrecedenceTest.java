package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {
  @TempDir Path temp;

  @Test
  void eachLayerOverridesTheOneBelowIt() {
    var cli = new CliHarness(temp);
    assertThat(cli.run("config", "get", "logging.level").out().strip()).isEqualTo("info");

    cli.write(cli.userConfig(), "logging:\n  level: warn\n");
    assertThat(cli.run("--json", "config", "get", "logging.level").out())
        .contains("\"value\":\"warn\"").contains(cli.userConfig() + ":2:3");

    cli.write(cli.projectConfig(), "logging:\n  level: error\n");
    assertThat(cli.run("--json", "config", "get", "logging.level").out())
        .contains("\"value\":\"error\"").contains(cli.projectConfig() + ":2:3");

    cli.env.put("LOCALAGENT_LOGGING__LEVEL", "debug");
    assertThat(cli.run("--json", "config", "get", "logging.level").out())
        .contains("\"value\":\"debug\"").contains("environment variable LOCALAGENT_LOGGING__LEVEL");

    assertThat(cli.run("--log-level", "trace", "--json", "config", "get", "logging.level").out())
        .contains("\"value\":\"trace\"").contains("flag --log-level");
  }

  @Test
  void explicitConfigFileReplacesTheUserFileButNotTheProjectFile() {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  level: warn\n  file: /tmp/user.log\n");
    Path explicit = cli.write(temp.resolve("other.yaml"), "logging:\n  level: error\n");
    cli.write(cli.projectConfig(), "performance_alerts:\n  error_rate:\n    warning_percent: 3\n");

    var result = cli.run("--config", explicit.toString(), "--json", "config", "show");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"level\":\"error\"").contains("\"file\":\"\"")
        .contains("\"warning_percent\":3.0");
  }

  @Test
  void environmentVariablesMapDoubleUnderscoreToNesting() {
    var cli = new CliHarness(temp);
    cli.env.put("LOCALAGENT_PERFORMANCE_ALERTS__MEMORY_USAGE__WARNING", "600MB");
    cli.env.put("LOCALAGENT_JAVA_OPTS", "-Xmx64m");

    var result = cli.run("config", "get", "performance_alerts.memory_usage.warning");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).isEqualTo("600MB");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void envVarReferencesExpandWithDefaults() {
    var cli = new CliHarness(temp);
    cli.env.put("LOG_FILE", "/var/log/la.log");
    cli.write(cli.userConfig(), "logging:\n  file: ${LOG_FILE}\n  level: ${LEVEL:-warn}\n");

    var result = cli.run("--json", "config", "show");

    assertThat(result.out()).contains("\"file\":\"/var/log/la.log\"").contains("\"level\":\"warn\"");
  }
}
