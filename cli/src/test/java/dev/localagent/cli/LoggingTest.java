package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {
  @TempDir Path temp;

  @Test
  void commandsLogToTheStateDirectoryAndNotToTheTerminal() throws Exception {
    var cli = new CliHarness(temp);

    var result = cli.run("config", "show");

    Path log = cli.home.resolve("state/localagent/localagent.log");
    assertThat(result.err()).isEmpty();
    assertThat(Files.readString(log)).contains("INFO").contains("command '--workdir");
  }

  @Test
  void debugMirrorsTheLogToStderr() {
    var result = new CliHarness(temp).run("--debug", "config", "path");
    var show = new CliHarness(temp).run("--debug", "config", "show");

    assertThat(result.err()).isEmpty();
    assertThat(show.err()).contains("debug: INFO dev.localagent.cli.LocalAgentCommand - command '");
  }

  @Test
  void logLevelFromTheConfigFileSilencesInfo() throws Exception {
    var cli = new CliHarness(temp);
    cli.write(cli.userConfig(), "logging:\n  level: warn\n");

    cli.run("config", "show");

    Path log = cli.home.resolve("state/localagent/localagent.log");
    assertThat(!Files.exists(log) || !Files.readString(log).contains("INFO")).isTrue();
  }
}
