package dev.localagent.core.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesCrashTest {
  private static final int SIZE = 32 * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void killingAWriterMidWriteLeavesOldOrNewContentAndNoTempFiles() throws Exception {
    Path target = dir.resolve("big.dat");
    Files.writeString(target, "old content");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = Path.of(AtomicFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        + File.pathSeparator
        + Path.of(AtomicWriterChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", classpath,
        AtomicWriterChild.class.getName(), target.toString(), Integer.toString(SIZE))
        .redirectErrorStream(true).start();
    try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = lines.readLine();
        assertThat(line).as("child output").isNotNull();
      } while (!line.equals("writing 3")); // a few complete writes, then kill during the fourth
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
      child.waitFor();
    }
    byte[] content = Files.readAllBytes(target);
    assertThat(content.length == SIZE && allSame(content) || new String(content).equals("old content"))
        .as("target holds one complete version, size %d", content.length).isTrue();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("big.dat");
    }
  }

  private static boolean allSame(byte[] content) {
    for (byte b : content) {
      if (b != content[0]) {
        return false;
      }
    }
    return content[0] == 'a' || content[0] == 'b';
  }
}
