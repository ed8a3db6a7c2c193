package dev.localagent.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.plugin.PluginInfo.Status;
import dev.localagent.core.plugin.testkit.PluginJarBuilder;
import dev.localagent.core.plugin.testkit.SourceCompiler;
import dev.localagent.core.plugin.testkit.TestPlugins;
import dev.localagent.core.tool.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {
  /** One class shared by every generated plugin: its tool is named after the plugin id. */
  private static final String GENERIC = """
      package p.gen;
      import dev.localagent.api.plugin.*;
      import dev.localagent.api.tool.*;
      import java.util.List;
      public final class Entry implements Plugin {
        private String id;
        @Override public void start(PluginContext context) { id = context.pluginId(); }
        @Override public List<Tool> tools() {
          return List.of(new Tool() {
            @Override public ToolSpec spec() { return new ToolSpec("t_" + id.replace('-', '_'), "d", null); }
            @Override public ToolResult call(ToolRequest r, ToolOutput o) { return ToolResult.success(id); }
          });
        }
      }
      """;

  @TempDir Path root;

  /** {@code count} echo plugins p0, p1, ... in a plugin directory, discovered once (cold: every jar read). */
  private Path echoPluginsReadCold(int count) throws Exception {
    Path dir = root.resolve("plugins");
    for (int i = 0; i < count; i++) {
      TestPlugins.echo("p" + i, "tool" + i, "r" + i).writeTo(dir);
    }
    try (PluginHost cold = open(dir)) {
      assertThat(cold.jarsRead()).isEqualTo(count);
    }
    return dir;
  }

  private PluginHost open(Path dir) {
    return PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT);
  }

  @Test
  void aWarmStartReadsNoJarAndAChangedJarIsReadAgain() throws Exception {
    Path dir = echoPluginsReadCold(5);
    try (PluginHost warm = open(dir)) {
      assertThat(warm.jarsRead()).isZero();
      assertThat(warm.tools()).hasSize(5);
    }
    Path changed = TestPlugins.echo("p2", "renamed_tool", "r2").writeTo(dir);
    Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    try (PluginHost afterChange = open(dir)) {
      assertThat(afterChange.jarsRead()).isEqualTo(1);
      assertThat(afterChange.tools()).extracting(t -> t.spec().name()).contains("renamed_tool").doesNotContain("tool2");
    }
  }

  @Test
  void aTornIndexIsAMissEveryJarIsReadAgainAndTheIndexIsRewritten() throws Exception {
    Path dir = echoPluginsReadCold(4);
    Path index = root.resolve("data/plugin-index.bin");
    byte[] whole = Files.readAllBytes(index);
    Files.write(index, java.util.Arrays.copyOf(whole, whole.length / 2));
    try (PluginHost afterTear = open(dir)) {
      assertThat(afterTear.jarsRead()).isEqualTo(4);
      assertThat(afterTear.plugins()).extracting(PluginInfo::id).containsExactly("p0", "p1", "p2", "p3");
      assertThat(afterTear.plugins()).extracting(PluginInfo::status).containsOnly(Status.READY);
    }
    try (PluginHost warm = open(dir)) {
      assertThat(warm.jarsRead()).isZero();
      assertThat(warm.tools()).extracting(t -> t.spec().name()).containsExactly("tool0", "tool1", "tool2", "tool3");
    }
  }

  @Test
  void withoutAnyDependencyAToolNameClashStillFailsTheSecondPluginAndADisabledOneStaysDisabled() throws Exception {
    Path dir = root.resolve("plugins");
    TestPlugins.echo("a-first", "shared_tool", "first").writeTo(dir);
    TestPlugins.echo("b-second", "shared_tool", "second").writeTo(dir);
    TestPlugins.echo("c-off", "off_tool", "off").writeTo(dir);
    var config = new PluginsConfig(java.util.List.of(), java.util.List.of("c-off"), false, Map.of());
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), config)) {
      assertThat(host.plugin("a-first").orElseThrow().status()).isEqualTo(Status.READY);
      PluginInfo second = host.plugin("b-second").orElseThrow();
      assertThat(second.status()).isEqualTo(Status.FAILED);
      assertThat(second.failure().code()).isEqualTo(PluginErrors.DUPLICATE_NAME);
      assertThat(host.plugin("c-off").orElseThrow().status()).isEqualTo(Status.DISABLED);
      assertThat(host.tools()).extracting(t -> t.spec().name()).containsExactly("shared_tool");
    }
  }

  @Test
  void listingToolsAndSchemasLoadsNoPluginClass() throws Exception {
    Path dir = root.resolve("plugins");
    TestPlugins.echo("lazy", "lazy_tool", "x").writeTo(dir);
    try (PluginHost host = open(dir)) {
      var registry = new ToolRegistry();
      host.registerTools(registry);
      assertThat(registry.specs()).singleElement()
          .satisfies(spec -> assertThat(spec.parametersSchema()).contains("\"text\""));
      assertThat(host.plugin("lazy").orElseThrow().status()).isEqualTo(Status.READY);
      registry.find("lazy_tool").orElseThrow().call(new ToolRequest("c", Map.of(), root), ToolOutput.DISCARD);
      assertThat(host.plugin("lazy").orElseThrow().status()).isEqualTo(Status.ACTIVE);
    }
  }

  @Test
  void disablingAPluginOthersDependOnDisablesOnlyThemAndThePersistedChoiceCanBeUndone() throws Exception {
    Path dir = root.resolve("plugins");
    TestPlugins.echo("base", "base_tool", "b").writeTo(dir);
    TestPlugins.echo("child", "child_tool", "c").dependsOn("base", "^1.0").writeTo(dir);
    TestPlugins.echo("grandchild", "grandchild_tool", "g").dependsOn("child", "*").writeTo(dir);
    TestPlugins.echo("optional-user", "opt_tool", "o").optionallyDependsOn("base", "*").writeTo(dir);
    TestPlugins.echo("bystander", "by_tool", "y").writeTo(dir);
    var locations = TestPlugins.locations(root, dir);
    new PluginInstaller(locations).setEnabled("base", false);
    try (PluginHost host = open(dir)) {
      assertThat(host.plugin("base").orElseThrow().status()).isEqualTo(Status.DISABLED);
      assertThat(host.plugin("child").orElseThrow().failure().message()).contains("'base'").contains("is disabled");
      assertThat(host.plugin("grandchild").orElseThrow().failure().code()).isEqualTo(PluginErrors.MISSING_DEPENDENCY);
      assertThat(host.plugin("optional-user").orElseThrow().status()).isEqualTo(Status.READY);
      assertThat(host.plugin("bystander").orElseThrow().status()).isEqualTo(Status.READY);

      new PluginInstaller(locations).setEnabled("base", true);
      host.reload();
      assertThat(host.plugins()).allSatisfy(p -> assertThat(p.status()).isEqualTo(Status.READY));
    }
    assertThat(Files.readString(locations.stateFile())).contains("base=enabled");
  }

  @Test
  void aThousandPluginsRegisterActivateWithTheirDependenciesAndAnswer() throws Exception {
    Path dir = root.resolve("plugins");
    byte[][] classes = SourceCompiler.compile(Map.of("p.gen.Entry", GENERIC)).entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toArray(byte[][]::new);
    var names = SourceCompiler.compile(Map.of("p.gen.Entry", GENERIC)).keySet().stream().sorted().toList();
    for (int i = 0; i < 1000; i++) {
      String id = "gen-%04d".formatted(i);
      var builder = PluginJarBuilder.plugin(id).entry("p.gen.Entry").tool("t_" + id.replace('-', '_'), "generated");
      if (i % 10 != 0) {
        builder.dependsOn("gen-%04d".formatted(i - 1), ">=1.0.0 <2.0.0");
      }
      for (int c = 0; c < classes.length; c++) {
        builder.entryBytes(names.get(c).replace('.', '/') + ".class", classes[c]);
      }
      builder.writeTo(dir);
    }
    var registry = new ToolRegistry();
    try (PluginHost host = open(dir)) {
      host.registerTools(registry);
      assertThat(host.plugins()).hasSize(1000).allSatisfy(p -> assertThat(p.status()).isEqualTo(Status.READY));
      assertThat(registry.specs()).hasSize(1000);
      host.activateAll();
      assertThat(host.plugins()).allSatisfy(p -> assertThat(p.status()).isEqualTo(Status.ACTIVE));
      for (int i = 0; i < 1000; i += 37) {
        String id = "gen-%04d".formatted(i);
        ToolResult result = registry.find("t_" + id.replace('-', '_')).orElseThrow()
            .call(new ToolRequest("c", Map.of(), root), ToolOutput.DISCARD);
        assertThat(result).isEqualTo(ToolResult.success(id));
      }
    }
    try (PluginHost warm = open(dir)) {
      assertThat(warm.jarsRead()).isZero();
      assertThat(warm.plugins()).hasSize(1000);
    }
  }
}
