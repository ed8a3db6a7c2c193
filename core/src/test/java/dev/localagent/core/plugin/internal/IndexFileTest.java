package dev.localagent.core.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discovery index gives back what was written, and a damaged one is only a miss. */
class IndexFileTest {
  private static final String MANIFEST = """
      {"id":"stats","version":"1.2.0","api_version":"1.0","description":"text statistics",
       "entry":"example.Stats","dependencies":[{"id":"base","version":">=1.0.0"}],
       "provides":{"tools":[{"name":"text_stats","description":"Counts words.",
         "parameters":{"type":"object","properties":{"text":{"type":"string"}}}}],
         "commands":[{"name":"stats","help":"Print statistics"}]},
       "permissions":{"paths":["~/notes"],"exec":false,"network":["example.com"]}}
      """;

  @TempDir Path root;
  private Path file;
  private Candidate parsed;
  private Candidate refused;

  @BeforeEach
  void twoCandidates() throws Exception {
    file = root.resolve("plugin-index.bin");
    Path dir = root.resolve("plugins");
    parsed = new Candidate(dir.resolve("stats.jar"), 4_096, 1_700_000_000_000L,
        ManifestParser.parse(MANIFEST.getBytes(StandardCharsets.UTF_8)), null);
    refused = new Candidate(dir.resolve("broken.jar"), 3, 1_700_000_000_001L, null,
        new PluginFailure(PluginErrors.UNREADABLE_JAR, "broken.jar is not a zip file", "rebuild it"));
    IndexFile.write(file, List.of(parsed, refused));
  }

  @Test
  void eachEntryComesBackAsWrittenWhileItsJarIsUnchanged() {
    IndexFile.Index index = IndexFile.read(file);

    assertThat(index.size()).isEqualTo(2);
    assertThat(lookup(index, parsed, parsed.size(), parsed.mtimeMillis())).isEqualTo(parsed);
    assertThat(lookup(index, refused, refused.size(), refused.mtimeMillis())).isEqualTo(refused);
    assertThat(lookup(index, parsed, parsed.size() + 1, parsed.mtimeMillis())).isNull();
    assertThat(lookup(index, parsed, parsed.size(), parsed.mtimeMillis() + 1)).isNull();
  }

  @Test
  void aDamagedCountIsAnEmptyIndexNotAnAllocationFailure() throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    // After the magic and the format version: the number of strings in the table.
    bytes[8] = 0x7F;
    bytes[9] = (byte) 0xFF;
    bytes[10] = (byte) 0xFF;
    bytes[11] = (byte) 0xFF;
    Files.write(file, bytes);

    assertThat(IndexFile.read(file).size()).isZero();
  }

  @Test
  void everyTruncationIsAnEmptyIndexOrOnlyMisses() throws Exception {
    byte[] whole = Files.readAllBytes(file);
    for (int length = 0; length < whole.length; length++) {
      Files.write(file, java.util.Arrays.copyOf(whole, length));
      IndexFile.Index index = IndexFile.read(file);
      Candidate found = lookup(index, parsed, parsed.size(), parsed.mtimeMillis());
      assertThat(found).as("index cut to %d of %d bytes", length, whole.length).isIn(null, parsed);
    }
  }

  private static Candidate lookup(IndexFile.Index index, Candidate candidate, long size, long mtime) {
    Path jar = candidate.jar();
    return index.lookup(jar.getParent().toString(), jar.getFileName().toString(), jar, size, mtime);
  }
}
