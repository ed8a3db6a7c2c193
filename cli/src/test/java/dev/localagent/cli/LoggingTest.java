package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in-process. Logback starts at most once per JVM, so these tests see it started; that
 * a command which logs nothing never starts it is checked in a fresh process by LauncherIT.
 */
class LoggingTest {
  @TempDir Path temp;

  @Test
  void aCommandThatLogsWritesToTheStateDirectoryAndNotToTheTerminal() throws Exception {
    var cli = new CliHarness(temp);

    // The agent runtime asks SLF4J for a logger, which starts logging if nothing has yet.
    var result = cli.run("run", "--provider", "echo", "hello");

    Path log = cli.home.resolve("state/localagent/localagent.log");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).doesNotContain("INFO").doesNotContain("LocalAgentCommand");
    assertThat(Files.readString(log)).contains("INFO").contains("command '--workdir")
        .contains("run --provider echo hello', config files [], 0 warning(s)");
  }

  @Test
  void slf4jIsBoundThroughOurProviderWithoutAServiceSearch() {
    new CliHarness(temp).run("config", "path");

    assertThat(System.getProperty("slf4j.provider")).isEqualTo(LogbackProvider.class.getName());
    assertThat(org.slf4j.LoggerFactory.getILoggerFactory()).isInstanceOf(ch.qos.logback.classic.LoggerContext.class);
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

    cli.run("run", "--provider", "echo", "hello");

    Path log = cli.home.resolve("state/localagent/localagent.log");
    assertThat(!Files.exists(log) || !Files.readString(log).contains("INFO")).isTrue();
  }

  @Test
  void eachCommandLogsToItsOwnConfiguredFileOnceLoggingRuns() throws Exception {
    var first = new CliHarness(temp.resolve("first"));
    var second = new CliHarness(temp.resolve("second"));
    Path chosen = temp.resolve("chosen.log");
    second.write(second.userConfig(), "logging:\n  file: " + chosen + "\n");

    first.run("run", "--provider", "echo", "one");
    second.run("run", "--provider", "echo", "two");

    assertThat(Files.readString(first.home.resolve("state/localagent/localagent.log")))
        .contains("echo one").doesNotContain("echo two");
    assertThat(Files.readString(chosen)).contains("echo two").doesNotContain("echo one");
  }
}
