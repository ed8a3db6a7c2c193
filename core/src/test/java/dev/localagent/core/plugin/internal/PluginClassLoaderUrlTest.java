package dev.localagent.core.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code-source URL built without a stat must be the one {@code Path.toUri} gives. */
class PluginClassLoaderUrlTest {
  @TempDir Path dir;

  @Test
  void codeSourceUrlMatchesToUriForQuotedAndNonAsciiNames() throws Exception {
    for (String name : new String[] {"plain-1.0.jar", "with space.jar", "odd#%?[1];=&,+$!'()~@:.jar", "ünï-çødé.jar"}) {
      Path jar = Files.createFile(dir.resolve(name));
      assertThat(PluginClassLoader.codeSourceUrl(jar).toString()).as(name).isEqualTo(jar.toUri().toURL().toString());
      assertThat(PluginClassLoader.codeSourceUrl(jar)).as(name).isEqualTo(jar.toUri().toURL());
    }
  }

  @Test
  void plainPathsUnderDotDirectoriesAndWithDotSegmentsMatchToUri() throws Exception {
    Path hidden = Files.createDirectories(dir.resolve(".local/share/localagent/plugins"));
    Path jar = Files.createFile(hidden.resolve("tool_1.2~rc.jar"));
    Path dotted = Path.of(dir + "/.local/./share/../share/localagent/plugins/tool_1.2~rc.jar");
    for (Path path : new Path[] {jar, dotted}) {
      assertThat(PluginClassLoader.codeSourceUrl(path).toString()).as(path.toString())
          .isEqualTo(path.toUri().toURL().toString());
      assertThat(PluginClassLoader.codeSourceUrl(path)).as(path.toString()).isEqualTo(path.toUri().toURL());
    }
  }

  @Test
  void relativePathsResolveAsToUriDoes() throws Exception {
    Path relative = Path.of("some dir", "p.jar");
    assertThat(PluginClassLoader.codeSourceUrl(relative).toString()).isEqualTo(relative.toUri().toURL().toString());
  }
}
