package dev.localagent.cli.commands;

import static dev.localagent.cli.commands.CliRun.example;
import static dev.localagent.cli.commands.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.core.plugin.testkit.PluginJarBuilder;
import dev.localagent.core.plugin.testkit.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {
  @TempDir Path home;

  private Path pluginsDir() {
    return home.resolve("data/localagent/plugins");
  }

  @Test
  void examplePluginsInstallListRunAndReportTheirState() throws Exception {
    for (String id : new String[] {"text-stats", "text-report", "greeter"}) {
      CliRun installed = run(home, "plugins", "install", example(id).toString());
      assertThat(installed.exitCode()).as(installed.err()).isZero();
      assertThat(installed.out()).contains("installed " + id + " 1.0.0").contains("(ready)");
    }
    CliRun list = run(home, "plugins", "list");
    assertThat(list.out()).contains("text-stats").contains("text-report").contains("greeter");

    JsonNode json = new ObjectMapper().readTree(run(home, "plugins", "list", "--json").out());
    assertThat(json).hasSize(3);
    assertThat(json.findValuesAsText("status")).containsOnly("ready");
    JsonNode report = new ObjectMapper().readTree(run(home, "plugins", "info", "text-report", "--json").out());
    assertThat(report.path("dependencies").get(0).path("id").asText()).isEqualTo("text-stats");
    assertThat(report.path("tools").get(0).path("parameters").path("required").get(0).asText()).isEqualTo("text");

    CliRun greet = run(home, "plugins", "run", "greet", "Ada", "Grace");
    assertThat(greet.exitCode()).isZero();
    assertThat(greet.out()).contains("Hello, Ada!").contains("Hello, Grace!");

    CliRun doctor = run(home, "plugins", "doctor");
    assertThat(doctor.exitCode()).isZero();
    assertThat(doctor.out()).contains("all 3 plugins are healthy");
  }

  @Test
  void aSavedListingPrintsExactlyWhatTheFullPathPrintedAsATableAndAsJson() throws Exception {
    PluginJarBuilder.plugin("base").tool("base_tool", "the base").writeTo(pluginsDir());
    PluginJarBuilder.plugin("child").tool("child_tool", "needs base").dependsOn("base", "^1.0").writeTo(pluginsDir());
    PluginJarBuilder.plugin("needs-new").dependsOn("base", "^2.0").writeTo(pluginsDir());
    PluginJarBuilder.plugin("broken").rawManifest("{\"id\": 42}").writeTo(pluginsDir());
    PluginJarBuilder.plugin("quiet").command("hush", "says nothing").provider("quiet-model").writeTo(pluginsDir());
    assertThat(run(home, "plugins", "disable", "quiet").exitCode()).isZero();
    Path data = home.resolve("data/localagent");
    Path index = data.resolve("plugin-index.bin");
    Path listing = data.resolve("plugin-list.bin");

    for (String[] command : new String[][] {{"plugins", "list"}, {"plugins", "list", "--json"}}) {
      Files.deleteIfExists(listing);
      CliRun full = run(home, command);
      assertThat(full.exitCode()).as(full.err()).isZero();
      assertThat(listing).exists();
      // The saved listing answers without discovery: the index deleted here stays deleted.
      Files.delete(index);
      CliRun saved = run(home, command);
      assertThat(index).doesNotExist();
      assertThat(saved.out()).isEqualTo(full.out());
      assertThat(saved.err()).isEqualTo(full.err());
      assertThat(saved.out()).contains("LA-PLUGIN-004").contains("LA-PLUGIN-001").contains("disabled");
      run(home, "plugins", "info", "base"); // The full path writes the index again.
    }
  }

  @Test
  void disablingAPluginOthersNeedDisablesThemTooUntilItIsEnabledAgain() {
    run(home, "plugins", "install", example("text-stats").toString());
    run(home, "plugins", "install", example("text-report").toString());

    CliRun disabled = run(home, "plugins", "disable", "text-stats");
    assertThat(disabled.out()).contains("disabled text-stats (now disabled)")
        .contains("also unavailable now: text-report");
    CliRun doctor = run(home, "plugins", "doctor");
    assertThat(doctor.exitCode()).isEqualTo(4);
    assertThat(doctor.out()).contains("error[LA-PLUGIN-004]").contains("'text-stats'").contains("is disabled");

    CliRun enabled = run(home, "plugins", "enable", "text-stats");
    assertThat(enabled.out()).contains("also available now: text-report");
    assertThat(run(home, "plugins", "doctor").exitCode()).isZero();
  }

  @Test
  void installRefusesABadJarAndLeavesNothingBehind() throws Exception {
    Path bad = PluginJarBuilder.plugin("broken").rawManifest("{\"id\": 42}").writeTo(home.resolve("incoming"));
    CliRun refused = run(home, "plugins", "install", bad.toString());
    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.err()).contains("error[LA-PLUGIN-001]").contains("'id'").contains("hint:");

    Path future = TestPlugins.echo("future", "future_tool", "x").api("2.1").writeTo(home.resolve("incoming"));
    CliRun incompatible = run(home, "plugins", "install", future.toString());
    assertThat(incompatible.err()).contains("error[LA-PLUGIN-003]").contains("API 2.1").contains("API 1.0");

    Path hollow = PluginJarBuilder.plugin("hollow").entry("x.Missing").writeTo(home.resolve("incoming"));
    assertThat(run(home, "plugins", "install", hollow.toString()).err()).contains("error[LA-PLUGIN-008]");

    assertThat(Files.exists(pluginsDir()) ? listing(pluginsDir()) : new String[0]).isEmpty();
  }

  @Test
  void installingTheSameIdTwiceIsRefusedAndRemoveDeletesTheJar() throws Exception {
    run(home, "plugins", "install", example("greeter").toString());
    CliRun again = run(home, "plugins", "install", example("greeter").toString());
    assertThat(again.exitCode()).isEqualTo(4);
    assertThat(again.err()).contains("error[LA-PLUGIN-012]").contains("already installed");

    CliRun removed = run(home, "plugins", "remove", "greeter");
    assertThat(removed.exitCode()).isZero();
    assertThat(listing(pluginsDir())).isEmpty();
    assertThat(run(home, "plugins", "info", "greeter").err()).contains("error[LA-GEN-003]");
  }

  @Test
  void doctorNamesEveryFailedPluginWithItsFixInJson() throws Exception {
    TestPlugins.echo("orphan", "orphan_tool", "x").dependsOn("nowhere", "^2.0.0").writeTo(pluginsDir());
    PluginJarBuilder.plugin("crashy").tool("crashy_tool", "d")
        .source("p.crashy.Entry", TestPlugins.toolPlugin("p.crashy", "crashy_tool", "return null;",
            "@Override public void start(PluginContext c) { throw new RuntimeException(\"no config\"); }"))
        .writeTo(pluginsDir());
    CliRun doctor = run(home, "plugins", "doctor", "--json");
    assertThat(doctor.exitCode()).isEqualTo(4);
    JsonNode failed = new ObjectMapper().readTree(doctor.out());
    assertThat(failed.findValuesAsText("code")).containsExactlyInAnyOrder("LA-PLUGIN-004", "LA-PLUGIN-009");
    assertThat(failed.findValuesAsText("hint")).allSatisfy(hint -> assertThat(hint).isNotBlank());
  }

  private static String[] listing(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toArray(String[]::new);
    }
  }
}
