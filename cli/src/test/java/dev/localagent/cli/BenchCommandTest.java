package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench commands' wiring only; the measurements themselves are never run as tests. */
class BenchCommandTest {
  @TempDir Path temp;

  @Test
  void benchListsTheFoundationScenarios() {
    var result = new CliHarness(temp).runRaw("bench", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("startup").contains("config").contains("errors")
        .contains("subprocess").contains("fileio");
  }
}
