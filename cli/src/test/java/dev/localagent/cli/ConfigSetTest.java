package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSetTest {
  @TempDir Path temp;

  @Test
  void setReplacesTheValueAndKeepsCommentsAndUnknownKeys() throws Exception {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), """
        # my settings
        logging:
          level: info   # chatty enough
          file: ''
        custom_tool: {keep: me}
        """);

    var result = cli.run("config", "set", "logging.level", "debug");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("set logging.level = debug in " + cli.userConfig());
    assertThat(Files.readString(cli.userConfig())).isEqualTo("""
        # my settings
        logging:
          level: debug   # chatty enough
          file: ''
        custom_tool: {keep: me}
        """);
  }

  @Test
  void setAddsAMissingNestedKeyUnderItsSection() throws Exception {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  level: warn\n# trailing comment\n");

    assertThat(cli.run("config", "set", "performance_alerts.error_rate.warning_percent", "2").exitCode()).isZero();
    assertThat(cli.run("config", "set", "logging.file", "/tmp/a b.log").exitCode()).isZero();

    String text = Files.readString(cli.userConfig());
    assertThat(text).contains("logging:\n  level: warn\n  file: /tmp/a b.log\n# trailing comment\n")
        .contains("performance_alerts:\n  error_rate:\n    warning_percent: 2\n");
    assertThat(cli.run("config", "get", "performance_alerts.error_rate.warning_percent").out().strip())
        .isEqualTo("2.0");
  }

  @Test
  void newUserConfigIsCreatedOwnerOnlyWithNoTempFileLeft() throws Exception {
    var cli = new CliHarness(temp);

    assertThat(cli.run("config", "set", "logging.level", "warn").exitCode()).isZero();

    assertThat(Files.readString(cli.userConfig())).isEqualTo("logging:\n  level: warn\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.userConfig()))).isEqualTo("rw-------");
    try (var files = Files.list(cli.userConfig().getParent())) {
      assertThat(files).containsExactly(cli.userConfig());
    }
  }

  @Test
  void aFileThatDoesNotParseIsNeverTouched() throws Exception {
    var cli = new CliHarness(temp);
    String broken = "logging:\n  level: [info\n";
    cli.write(cli.userConfig(), broken);

    var result = cli.run("config", "set", "logging.level", "debug");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("error[LA-CONFIG-006]").contains("does not parse");
    assertThat(Files.readString(cli.userConfig())).isEqualTo(broken);
  }

  @Test
  void anInvalidValueIsRefusedBeforeWriting() throws Exception {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  level: info\n");

    var result = cli.run("config", "set", "logging.level", "loud");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("LA-CONFIG-002").contains("nothing was written");
    assertThat(Files.readString(cli.userConfig())).isEqualTo("logging:\n  level: info\n");
  }

  @Test
  void anUnknownKeyIsRefusedWithASuggestion() {
    var cli = new CliHarness(temp);

    var result = cli.run("config", "set", "logging.levle", "debug");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("error[LA-CONFIG-005]").contains("did you mean 'level'?");
    assertThat(cli.userConfig()).doesNotExist();
  }

  @Test
  void projectFlagWritesTheProjectFile() throws Exception {
    var cli = new CliHarness(temp);

    assertThat(cli.run("config", "set", "--project", "logging.level", "error").exitCode()).isZero();

    assertThat(Files.readString(cli.projectConfig())).isEqualTo("logging:\n  level: error\n");
    assertThat(cli.run("config", "get", "logging.level").out().strip()).isEqualTo("error");
  }
}
