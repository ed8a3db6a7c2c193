package dev.localagent.bench.plugins;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFloorTest {
  @TempDir Path dir;

  @Test
  void startsEveryPluginFromClassesReadUpFront() throws IOException {
    new BenchPluginJars().write(dir, 4);
    JvmFloor floor = JvmFloor.read(dir, 4);
    // The jars may go once read: the floor never opens one while timed.
    for (int i = 0; i < 4; i++) {
      Files.delete(dir.resolve("bench-%05d.jar".formatted(i)));
    }

    double[] first = floor.time();
    double[] second = floor.time();

    assertTrue(first[0] > 0 && first[1] >= 0 && second[0] > 0, first[0] + " / " + second[0]);
  }

  @Test
  void aPluginThatCannotStartFailsTheRun() throws IOException {
    new BenchPluginJars().write(dir, 2);
    // Cut the second jar's tool class to a few bytes: its definition fails while timed.
    Path jar = dir.resolve("bench-00001.jar");
    try (var zip = java.nio.file.FileSystems.newFileSystem(jar)) {
      Files.write(zip.getPath("bench/gen/BenchTool.class"), new byte[] {(byte) 0xCA, (byte) 0xFE},
          StandardOpenOption.TRUNCATE_EXISTING);
    }
    JvmFloor floor = JvmFloor.read(dir, 2);

    var error = assertThrows(IllegalStateException.class, floor::time);

    assertTrue(error.getMessage().contains("bench-00001"), error.getMessage());
  }
}
