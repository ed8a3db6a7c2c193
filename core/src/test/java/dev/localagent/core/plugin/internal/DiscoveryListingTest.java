package dev.localagent.core.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryListingTest {
  @TempDir Path dir;

  /** What the listing used to be: a directory stream of paths, sorted as paths. */
  private static List<Path> sortedPaths(Path dir) throws IOException {
    var jars = new ArrayList<Path>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.toAbsolutePath().normalize(), "*.jar")) {
      stream.forEach(jars::add);
    }
    jars.sort(null);
    return jars;
  }

  @Test
  void asciiJarNamesAreListedInPathOrderAndOtherFilesAreLeftOut() throws IOException {
    for (String name : new String[] {"b.jar", "B.jar", "a-2.jar", "a.jar", "a_1.jar", "z.txt", "jar", "c.jar.bak"}) {
      Files.createFile(dir.resolve(name));
    }

    List<Path> listed = Discovery.jars(dir);

    assertThat(listed).containsExactlyElementsOf(sortedPaths(dir));
    assertThat(listed).extracting(p -> p.getFileName().toString())
        .containsExactly("B.jar", "a-2.jar", "a.jar", "a_1.jar", "b.jar");
    assertThat(listed).allMatch(Path::isAbsolute);
  }

  @Test
  void nonAsciiJarNamesKeepPathOrder() throws IOException {
    // Path order compares encoded bytes, String order UTF-16 chars: outside ASCII they can differ.
    for (String name : new String[] {"zeta.jar", "été.jar", "alpha.jar", "Ωmega.jar", "\uFB01le.jar", "\uD83D\uDE00.jar"}) {
      Files.createFile(dir.resolve(name));
    }

    assertThat(Discovery.jars(dir)).containsExactlyElementsOf(sortedPaths(dir));
  }

  @Test
  void aMissingDirectoryOrAFileHoldsNoJars() throws IOException {
    Path file = Files.createFile(dir.resolve("plain.jar"));

    assertThat(Discovery.jars(dir.resolve("absent"))).isEmpty();
    assertThat(Discovery.jars(file)).isEmpty();
  }
}
