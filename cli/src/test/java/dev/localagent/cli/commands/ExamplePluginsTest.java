package dev.localagent.cli.commands;

import static dev.localagent.cli.commands.CliRun.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginsConfig;
import dev.localagent.core.plugin.testkit.TestPlugins;
import dev.localagent.core.tool.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplePluginsTest {
  @TempDir Path root;

  private ToolResult call(ToolRegistry registry, String tool, Map<String, Object> args) throws InterruptedException {
    return registry.find(tool).orElseThrow().call(new ToolRequest("c", args, root), ToolOutput.DISCARD);
  }

  @Test
  void textReportUsesTheTextStatsPluginItDependsOn() throws Exception {
    Path dir = Files.createDirectories(root.resolve("plugins"));
    Files.copy(example("text-stats"), dir.resolve("text-stats.jar"));
    Files.copy(example("text-report"), dir.resolve("text-report.jar"));
    var registry = new ToolRegistry();
    try (var host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT)) {
      host.registerTools(registry);
      ToolResult report = call(registry, "text_report", Map.of("text", "The cat sat. The cat ran!", "top", 2));
      assertThat(report).isEqualTo(ToolResult.success(
          "lines=1 words=6 characters=25 sentences=2\ntop words: cat=2, the=2"));
      Files.writeString(root.resolve("notes.txt"), "one two\nthree.\n");
      assertThat(call(registry, "text_stats", Map.of("path", "notes.txt")))
          .isEqualTo(ToolResult.success("lines=2 words=3 characters=15 sentences=1"));
      assertThat(call(registry, "text_stats", Map.of("path", "../outside.txt")).errorCode()).isEqualTo("TEXT_STATS_PATH");
    }
  }

  @Test
  void theGreeterReadsItsSettingsSectionAndReportsMetrics() throws Exception {
    Path dir = Files.createDirectories(root.resolve("plugins"));
    Files.copy(example("greeter"), dir.resolve("greeter.jar"));
    var config = new PluginsConfig(java.util.List.of(), java.util.List.of(), false,
        Map.of("greeter", Map.of("greeting", "Ahoy")));
    var out = new java.io.StringWriter();
    try (var host = PluginHost.open(TestPlugins.locations(root, dir), config)) {
      var io = new dev.localagent.api.plugin.CommandIO() {
        final java.io.PrintWriter writer = new java.io.PrintWriter(out, true);

        @Override
        public java.io.PrintWriter out() {
          return writer;
        }

        @Override
        public java.io.PrintWriter err() {
          return writer;
        }

        @Override
        public Path workdir() {
          return root;
        }
      };
      assertThat(host.runCommand("greet", java.util.List.of("Ada"), io)).isZero();
      assertThat(host.metrics()).containsEntry("greeter.greetings", 1.0);
    }
    assertThat(out.toString()).isEqualTo("Ahoy, Ada!" + System.lineSeparator());
  }
}
