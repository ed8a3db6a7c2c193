package dev.localagent.bench.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshActivationTest {
  @TempDir Path home;

  @Test
  void eachSideActivatesEveryPluginInItsOwnJvm() throws IOException {
    new BenchPluginJars().write(PluginBench.pluginDir(home), 5);

    PluginBench.Paired fresh = FreshActivation.alternating(1, home, 5);

    // A child checks that all 5 started (ours: ACTIVE, PF4J: STARTED) and fails otherwise.
    assertTrue(fresh.oursMs() > 0 && fresh.pf4jMs() > 0, fresh.toString());
    assertTrue(fresh.oursCpuMs() > 0 && fresh.pf4jCpuMs() > 0, fresh.toString());
  }

  @Test
  void aChildThatCannotActivateEveryPluginFailsTheBench() throws IOException {
    new BenchPluginJars().write(PluginBench.pluginDir(home), 3);
    Files.delete(PluginBench.pluginDir(home).resolve("bench-00001.jar"));

    var error = assertThrows(IOException.class, () -> FreshActivation.alternating(1, home, 3));

    assertTrue(error.getMessage().contains("fresh-JVM activation (ours) exited with 1"), error.getMessage());
  }

  @Test
  void theChildRefusesAnUnknownSide() {
    var error = assertThrows(IllegalArgumentException.class,
        () -> FreshActivation.main(new String[] {"felix", home.toString(), "1"}));

    assertEquals("expected ours or pf4j, got felix", error.getMessage());
  }
}
