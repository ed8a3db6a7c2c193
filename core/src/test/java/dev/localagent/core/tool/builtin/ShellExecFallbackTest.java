package dev.localagent.core.tool.builtin;

import static dev.localagent.core.tool.builtin.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The portable path (ProcessBuilder + setsid) used where posix_spawn through FFM is not available. */
@Isolated
class ShellExecFallbackTest {
  @TempDir Path workdir;
  private final ShellExecTool shell =
      new ShellExecTool(Map.of("PATH", "/usr/bin:/bin", "PLAIN", "x", "MY_TOKEN", "t0ken-value"), 1024 * 1024);

  @BeforeEach
  void useProcessBuilder() {
    ProcessTree.nativeSpawn = false;
  }

  @AfterEach
  void restore() {
    ProcessTree.nativeSpawn = NativeSpawn.AVAILABLE;
  }

  @Test
  void runsArgvLiterallyWithAScrubbedEnvironment() {
    assertThat(call(shell, workdir, "command", List.of("printf", "%s", "$(id); `id`")).content()).isEqualTo("$(id); `id`");
    assertThat(call(shell, workdir, "command", List.of("env")).content()).contains("PLAIN=x").doesNotContain("t0ken");
  }

  @Test
  void aMissingWorkdirIsReportedAsSuch() {
    ToolResult missing = call(shell, workdir.resolve("gone"), "command", List.of("pwd"));
    assertThat(missing.errorCode()).isEqualTo("LA-TOOL-003");
    assertThat(missing.content()).isEqualTo("the workdir " + workdir.resolve("gone") + " does not exist");
  }

  @Test
  void timeoutKillsTheGrandchildAndExitKillsBackgroundJobs() {
    ToolResult timedOut = call(shell, workdir, "command", List.of("sh", "-c", "sleep 300 & echo $!; wait"), "timeout_seconds", 1);
    assertThat(timedOut.errorCode()).isEqualTo("LA-TOOL-009");
    long grandchild = Long.parseLong(timedOut.content().lines().findFirst().orElseThrow().trim());
    assertThat(Processes.awaitDeath(grandchild, Duration.ofSeconds(5))).isTrue();
    long orphan = Long.parseLong(call(shell, workdir, "command", "sleep 300 & echo $!").content().trim());
    assertThat(Processes.awaitDeath(orphan, Duration.ofSeconds(5))).isTrue();
  }
}
