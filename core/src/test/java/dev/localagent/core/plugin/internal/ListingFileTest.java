package dev.localagent.core.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginInfo.Status;
import dev.localagent.core.plugin.PluginSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved listing is keyed by the build that wrote it, not only by the plugin directories. */
class ListingFileTest {
  private static final SortedSet<String> NONE_DISABLED = new TreeSet<>();

  @TempDir Path root;
  private Path plugins;
  private Path file;
  private List<Candidate> candidates;
  private List<PluginInfo> resolved;

  /** One plugin directory holding a jar the resolver refused, as a full discovery would save it. */
  @BeforeEach
  void oneRefusedPlugin() throws IOException {
    plugins = Files.createDirectories(root.resolve("plugins")).toAbsolutePath().normalize();
    file = root.resolve("plugin-list.bin");
    Path jar = Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});
    var attributes = Files.readAttributes(jar, BasicFileAttributes.class);
    var failure = new PluginFailure(PluginErrors.UNREADABLE_JAR, "broken.jar is not a zip file", "rebuild it");
    candidates = List.of(new Candidate(jar, attributes.size(), attributes.lastModifiedTime().toMillis(), null, failure));
    resolved = List.of(new PluginInfo("broken", jar, null, Status.FAILED, failure));
  }

  @Test
  void aListingSavedByThisBuildIsReadBack() throws IOException {
    ListingFile.write(file, List.of(plugins), NONE_DISABLED, candidates, resolved);

    ListingFile.Listing listing = ListingFile.read(file, List.of(plugins), NONE_DISABLED);

    assertThat(listing).isNotNull();
    assertThat(listing.summaries()).extracting(PluginSummary::id, PluginSummary::status)
        .containsExactly(tuple("broken", Status.FAILED));
  }

  @Test
  void aListingSavedByAnotherBuildIsAMissThoughEveryJarIsUnchanged() throws IOException {
    ListingFile.write(file, List.of(plugins), NONE_DISABLED, candidates, resolved, "0.9.0 1234@1700000000000");

    assertThat(ListingFile.read(file, List.of(plugins), NONE_DISABLED))
        .as("this build must not print the verdicts of another").isNull();
    assertThat(ListingFile.read(file, List.of(plugins), NONE_DISABLED, "0.9.0 1234@1700000000000"))
        .as("the build that wrote it still reads it: only the build differs").isNotNull();
  }
}
