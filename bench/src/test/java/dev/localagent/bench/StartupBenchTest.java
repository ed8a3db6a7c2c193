package dev.localagent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupBenchTest {
  @TempDir Path dir;

  @Test
  void interleavedRunsEachCommandOncePerRoundInARotatingOrder() throws Exception {
    Path log = dir.resolve("order.txt");
    var a = new StartupBench.Command("a", List.of("sh", "-c", "printf a >> " + log));
    var b = new StartupBench.Command("b", List.of("sh", "-c", "printf b >> " + log));

    var results = StartupBench.measureInterleaved(List.of(a, b), 3);

    assertThat(Files.readString(log)).isEqualTo("abbaab");
    assertThat(results).extracting(StartupBench.Result::label).containsExactly("a", "b");
    assertThat(results).allSatisfy(r -> {
      assertThat(r.runs()).isEqualTo(3);
      assertThat(r.failures()).isZero();
      assertThat(r.medianMillis()).isPositive();
    });
  }

  @Test
  void failedRunsAreCountedPerCommand() throws Exception {
    var ok = new StartupBench.Command("ok", List.of("sh", "-c", "exit 0"));
    var failing = new StartupBench.Command("failing", List.of("sh", "-c", "exit 3"));

    var results = StartupBench.measureInterleaved(List.of(ok, failing), 2);

    assertThat(results.get(0).failures()).isZero();
    assertThat(results.get(1).failures()).isEqualTo(2);
  }
}
