package dev.localagent.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.core.plugin.PluginInfo.Status;
import dev.localagent.core.plugin.testkit.PluginJarBuilder;
import dev.localagent.core.plugin.testkit.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginListingTest {
  @TempDir Path root;
  private Path dir;
  private PluginLocations locations;

  @BeforeEach
  void plugins() {
    dir = root.resolve("plugins");
    locations = TestPlugins.locations(root, dir);
    PluginJarBuilder.plugin("base").tool("base_tool", "the base").writeTo(dir);
    PluginJarBuilder.plugin("child").tool("child_tool", "needs base").dependsOn("base", "^1.0").writeTo(dir);
    PluginJarBuilder.plugin("grandchild").tool("grandchild_tool", "needs child").dependsOn("child", "*").writeTo(dir);
    PluginJarBuilder.plugin("needs-new").dependsOn("base", "^2.0").writeTo(dir);
    PluginJarBuilder.plugin("needs-absent").dependsOn("absent", "*").writeTo(dir);
    PluginJarBuilder.plugin("loop-a").dependsOn("loop-b", "*").writeTo(dir);
    PluginJarBuilder.plugin("loop-b").dependsOn("loop-a", "*").writeTo(dir);
    PluginJarBuilder.plugin("clash").tool("base_tool", "taken").writeTo(dir);
    PluginJarBuilder.plugin("future").api("2.1").writeTo(dir);
    PluginJarBuilder.plugin("broken").rawManifest("{\"id\": 42}").writeTo(dir);
    PluginJarBuilder.plugin("twin").command("greet", "says hello").provider("twin-model").writeTo(dir, "twin-1.jar");
    PluginJarBuilder.plugin("twin").writeTo(dir, "twin-2.jar");
    write(dir.resolve("not-a-zip.jar"), "not a zip");
  }

  private PluginListing load() {
    return PluginListing.load(locations, PluginsConfig.DEFAULT);
  }

  private List<PluginInfo> fullPath(PluginsConfig config) {
    try (PluginHost host = PluginHost.open(locations, config)) {
      return host.plugins();
    }
  }

  /** A listing that took the full path (and saved it), then one served from the saved file. */
  private PluginListing savedAfterFullPath(PluginsConfig config) {
    PluginListing first = PluginListing.load(locations, config);
    assertThat(first.fromSavedListing()).isFalse();
    assertThat(first.plugins()).isEqualTo(fullPath(config));
    PluginListing second = PluginListing.load(locations, config);
    assertThat(second.fromSavedListing()).isTrue();
    return second;
  }

  private static void assertSameAsFullPath(PluginListing listing, List<PluginInfo> full) {
    assertThat(listing.plugins()).isEqualTo(full);
    assertThat(listing.summaries()).isEqualTo(full.stream().map(PluginSummary::of).toList());
  }

  @Test
  void aSecondListingIsServedFromTheSavedFileWithEveryStatusAndFailureOfTheFullPath() throws Exception {
    PluginListing saved = savedAfterFullPath(PluginsConfig.DEFAULT);
    List<PluginInfo> full = fullPath(PluginsConfig.DEFAULT);
    assertSameAsFullPath(saved, full);
    assertThat(full).extracting(p -> p.failure() == null ? null : p.failure().code().id()).contains(
        PluginErrors.MISSING_DEPENDENCY.id(), PluginErrors.DEPENDENCY_CYCLE.id(), PluginErrors.DUPLICATE_NAME.id(),
        PluginErrors.INCOMPATIBLE_API.id(), PluginErrors.BAD_MANIFEST.id(), PluginErrors.DUPLICATE_ID.id(),
        PluginErrors.UNREADABLE_JAR.id());
    assertThat(full).filteredOn(p -> p.status() == Status.READY).extracting(PluginInfo::id)
        .containsExactlyInAnyOrder("base", "child", "grandchild", "twin");

    // Served from the saved file: no discovery ran, so the index deleted here is not written again.
    Files.delete(locations.indexFile());
    assertSameAsFullPath(load(), full);
    assertThat(load().fromSavedListing()).isTrue();
    assertThat(locations.indexFile()).doesNotExist();
  }

  @Test
  void aChangedJarIsAMissAndTheNextListingIsSavedAgain() throws Exception {
    savedAfterFullPath(PluginsConfig.DEFAULT);
    Path base = PluginJarBuilder.plugin("base").version("2.0.0").tool("base_tool", "the new base").writeTo(dir);
    Files.setLastModifiedTime(base, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

    PluginListing changed = load();
    assertThat(changed.fromSavedListing()).isFalse();
    List<PluginInfo> full = fullPath(PluginsConfig.DEFAULT);
    assertSameAsFullPath(changed, full);
    assertThat(changed.plugins()).filteredOn(p -> p.id().equals("child")).singleElement()
        .satisfies(p -> assertThat(p.failure().message()).contains("is at version 2.0.0"));
    assertThat(changed.plugins()).filteredOn(p -> p.id().equals("needs-new")).singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(Status.READY));
    assertThat(load().fromSavedListing()).isTrue();
  }

  @Test
  void aJarChangedToTheSameSizeIsAMissByItsModificationTime() throws Exception {
    savedAfterFullPath(PluginsConfig.DEFAULT);
    Path jar = dir.resolve("not-a-zip.jar");
    write(jar, "not a jar"); // Same length as before.
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(load().fromSavedListing()).isFalse();
  }

  @Test
  void aRemovedJarIsAMiss() throws Exception {
    savedAfterFullPath(PluginsConfig.DEFAULT);
    Files.delete(dir.resolve("base.jar"));
    PluginListing removed = load();
    assertThat(removed.fromSavedListing()).isFalse();
    assertSameAsFullPath(removed, fullPath(PluginsConfig.DEFAULT));
    assertThat(removed.plugins()).extracting(PluginInfo::id).doesNotContain("base");
    assertThat(removed.plugins()).filteredOn(p -> p.id().equals("child")).singleElement()
        .satisfies(p -> assertThat(p.failure().message()).contains("is not installed"));
  }

  @Test
  void anAddedJarIsAMissInAnyOfTheDirectories() throws Exception {
    Path extra = root.resolve("extra");
    Files.createDirectories(extra);
    locations = TestPlugins.locations(root, dir, extra);
    savedAfterFullPath(PluginsConfig.DEFAULT);
    PluginJarBuilder.plugin("absent").writeTo(extra);
    PluginListing added = load();
    assertThat(added.fromSavedListing()).isFalse();
    assertSameAsFullPath(added, fullPath(PluginsConfig.DEFAULT));
    assertThat(added.plugins()).filteredOn(p -> p.id().equals("needs-absent")).singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(Status.READY));

    assertThat(load().fromSavedListing()).isTrue();
    locations = TestPlugins.locations(root, dir); // A directory fewer (the config's extra_dirs changed).
    assertThat(load().fromSavedListing()).isFalse();
  }

  @Test
  void disablingAndEnablingAreMissesAndShowTheirDependentsAsTheFullPathDoes() throws Exception {
    savedAfterFullPath(PluginsConfig.DEFAULT);
    new PluginInstaller(locations).setEnabled("base", false);
    PluginListing disabled = load();
    assertThat(disabled.fromSavedListing()).isFalse();
    assertSameAsFullPath(disabled, fullPath(PluginsConfig.DEFAULT));
    assertThat(disabled.summaries()).filteredOn(p -> p.id().equals("child")).singleElement()
        .satisfies(p -> assertThat(p.failure().message()).contains("is disabled"));
    assertThat(load().fromSavedListing()).isTrue();

    new PluginInstaller(locations).setEnabled("base", true);
    PluginListing enabled = load();
    assertThat(enabled.fromSavedListing()).isFalse();
    assertThat(enabled.summaries()).filteredOn(p -> p.id().equals("base")).singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(Status.READY));
    assertSameAsFullPath(enabled, fullPath(PluginsConfig.DEFAULT));
  }

  @Test
  void aPluginDisabledInTheConfigIsPartOfTheKey() throws Exception {
    var config = new PluginsConfig(List.of(), List.of("grandchild"), false, Map.of());
    savedAfterFullPath(config);
    assertSameAsFullPath(PluginListing.load(locations, config), fullPath(config));
    assertThat(load().fromSavedListing()).isFalse(); // The default config disables nothing.
  }

  @Test
  void aTornOrDamagedSavedListingIsAMissAndIsWrittenAgain() throws Exception {
    savedAfterFullPath(PluginsConfig.DEFAULT);
    Path file = PluginListing.file(locations);
    byte[] whole = Files.readAllBytes(file);

    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    PluginListing torn = load();
    assertThat(torn.fromSavedListing()).isFalse();
    List<PluginInfo> full = fullPath(PluginsConfig.DEFAULT);
    assertSameAsFullPath(torn, full);
    assertThat(Files.readAllBytes(file)).isEqualTo(whole);

    byte[] damaged = whole.clone();
    damaged[damaged.length - 40] ^= 0x5A;
    Files.write(file, damaged);
    assertThat(load().fromSavedListing()).isFalse();

    Files.write(file, new byte[0]);
    PluginListing empty = load();
    assertThat(empty.fromSavedListing()).isFalse();
    assertThat(empty.summaries()).hasSize(full.size()); // Resolved in full, and saved again.
    assertThat(load().fromSavedListing()).isTrue();
  }

  @Test
  void noPluginDirectoryListsNothingFromTheSavedFileToo() {
    locations = TestPlugins.locations(root, root.resolve("nowhere"));
    assertThat(savedAfterFullPath(PluginsConfig.DEFAULT).summaries()).isEmpty();
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
