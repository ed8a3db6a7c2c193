package dev.localagent.core.plugin;

import static dev.localagent.core.plugin.testkit.TestPlugins.echo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.plugin.PluginInfo.Status;
import dev.localagent.core.plugin.testkit.PluginJarBuilder;
import dev.localagent.core.plugin.testkit.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFailureIsolationTest {
  @TempDir Path root;

  private Path dir() {
    return root.resolve("plugins");
  }

  private PluginHost open() {
    return PluginHost.open(TestPlugins.locations(root, dir()), PluginsConfig.DEFAULT);
  }

  private static ToolResult call(PluginHost host, String tool) throws InterruptedException {
    Tool found = host.tools().stream().filter(t -> t.spec().name().equals(tool)).findFirst().orElseThrow();
    return found.call(new ToolRequest("c1", Map.of("text", "hi"), Path.of(".")), ToolOutput.DISCARD);
  }

  private static PluginFailure failureOf(PluginHost host, String id) {
    return host.plugin(id).orElseThrow().failure();
  }

  @Test
  void brokenPluginsAreReportedWithTheirCodesAndOthersStillLoad() throws Exception {
    echo("good", "good_tool", "fine").writeTo(dir());
    PluginJarBuilder.plugin("badjson").rawManifest("{ not json").writeTo(dir());
    PluginJarBuilder.plugin("noid").rawManifest("{\"version\":\"1.0.0\",\"api_version\":\"1.0\",\"entry\":\"a.B\"}")
        .writeTo(dir());
    Files.write(dir().resolve("truncated.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});
    echo("future", "future_tool", "x").api("2.0").writeTo(dir());
    echo("good", "other_tool", "dup").writeTo(dir(), "zz-duplicate-good.jar");
    echo("z-clash", "good_tool", "clash").writeTo(dir());
    echo("needy", "needy_tool", "x").dependsOn("absent", "^1.0.0").writeTo(dir());
    echo("old-dep", "old_dep_tool", "x").dependsOn("good", ">=2.0.0").writeTo(dir());
    echo("cycle-a", "a_tool", "x").dependsOn("cycle-b", "*").writeTo(dir());
    echo("cycle-b", "b_tool", "x").dependsOn("cycle-a", "*").writeTo(dir());

    try (PluginHost host = open()) {
      assertThat(host.plugin("good").orElseThrow().status()).isEqualTo(Status.READY);
      assertThat(failureOf(host, "badjson").code()).isEqualTo(PluginErrors.BAD_MANIFEST);
      assertThat(failureOf(host, "badjson").message()).contains("not valid JSON");
      assertThat(failureOf(host, "noid").message()).contains("'id' is missing");
      assertThat(failureOf(host, "truncated").code()).isEqualTo(PluginErrors.UNREADABLE_JAR);
      assertThat(failureOf(host, "future").code()).isEqualTo(PluginErrors.INCOMPATIBLE_API);
      assertThat(failureOf(host, "future").message()).contains("API 2.0").contains("API 1.0");
      assertThat(host.plugins()).filteredOn(p -> p.jar().getFileName().toString().equals("zz-duplicate-good.jar"))
          .singleElement().satisfies(p -> assertThat(p.failure().code()).isEqualTo(PluginErrors.DUPLICATE_ID));
      assertThat(failureOf(host, "z-clash").code()).isEqualTo(PluginErrors.DUPLICATE_NAME);
      assertThat(failureOf(host, "needy").code()).isEqualTo(PluginErrors.MISSING_DEPENDENCY);
      assertThat(failureOf(host, "needy").message()).contains("'absent'").contains("not installed");
      assertThat(failureOf(host, "old-dep").message()).contains("is at version 1.0.0");
      assertThat(failureOf(host, "cycle-a").code()).isEqualTo(PluginErrors.DEPENDENCY_CYCLE);
      assertThat(failureOf(host, "cycle-b").message()).contains("cycle-a -> cycle-b -> cycle-a");
      assertThat(host.tools()).extracting(t -> t.spec().name()).containsExactly("good_tool");
      assertThat(call(host, "good_tool")).isEqualTo(ToolResult.success("fine"));
    }
  }

  @Test
  void missingEntryClassFailsOnFirstCallWithStableCode() throws Exception {
    PluginJarBuilder.plugin("hollow").tool("hollow_tool", "d").entry("p.hollow.Nowhere").writeTo(dir());
    try (PluginHost host = open()) {
      ToolResult result = call(host, "hollow_tool");
      assertThat(result.ok()).isFalse();
      assertThat(result.errorCode()).isEqualTo(PluginErrors.MISSING_CLASS.id());
      assertThat(result.content()).contains("p.hollow.Nowhere");
      assertThat(failureOf(host, "hollow").code()).isEqualTo(PluginErrors.MISSING_CLASS);
    }
  }

  @Test
  void exceptionInStartDisablesThePluginAndOnlyItsDependents() throws Exception {
    PluginJarBuilder.plugin("fragile").tool("fragile_tool", "d")
        .source("p.fragile.Entry", TestPlugins.toolPlugin("p.fragile", "fragile_tool", "return ToolResult.success(\"no\");",
            "@Override public void start(PluginContext c) { throw new IllegalStateException(\"boom at start\"); }"))
        .writeTo(dir());
    echo("leaning", "leaning_tool", "x").dependsOn("fragile", "*").writeTo(dir());
    echo("steady", "steady_tool", "yes").writeTo(dir());
    try (PluginHost host = open()) {
      host.activateAll();
      assertThat(failureOf(host, "fragile").code()).isEqualTo(PluginErrors.START_FAILED);
      assertThat(failureOf(host, "fragile").message()).contains("boom at start");
      assertThat(failureOf(host, "leaning").code()).isEqualTo(PluginErrors.MISSING_DEPENDENCY);
      assertThat(host.plugin("steady").orElseThrow().status()).isEqualTo(Status.ACTIVE);
      assertThat(call(host, "leaning_tool").errorCode()).isEqualTo(PluginErrors.MISSING_DEPENDENCY.id());
      assertThat(call(host, "steady_tool")).isEqualTo(ToolResult.success("yes"));
    }
  }

  @Test
  void aToolThatThrowsBecomesAnErrorResultAndThePluginKeepsWorking() throws Exception {
    PluginJarBuilder.plugin("thrower").tool("thrower_tool", "d")
        .source("p.thrower.Entry", TestPlugins.toolPlugin("p.thrower", "thrower_tool",
            "if (\"hi\".equals(request.string(\"text\"))) throw new ArithmeticException(\"bad sum\");"
                + " return ToolResult.success(\"ok\");"))
        .writeTo(dir());
    try (PluginHost host = open()) {
      ToolResult failed = call(host, "thrower_tool");
      assertThat(failed.errorCode()).isEqualTo(PluginErrors.CALL_FAILED.id());
      assertThat(failed.content()).contains("ArithmeticException").contains("bad sum");
      Tool tool = host.tools().getFirst();
      assertThat(tool.call(new ToolRequest("c2", Map.of("text", "fine"), Path.of(".")), ToolOutput.DISCARD))
          .isEqualTo(ToolResult.success("ok"));
    }
  }

  @Test
  void aToolDeclaredButNotProvidedIsReportedOnCall() throws Exception {
    echo("liar", "real_tool", "x").tool("ghost_tool", "declared only").writeTo(dir());
    try (PluginHost host = open()) {
      assertThat(call(host, "ghost_tool").errorCode()).isEqualTo(PluginErrors.UNDECLARED_CONTRIBUTION.id());
      assertThat(call(host, "real_tool")).isEqualTo(ToolResult.success("x"));
    }
  }

  @Test
  void aJarDamagedAfterDiscoveryFailsAsUnreadableOnActivationAndOthersStillRun() throws Exception {
    Path damaged = echo("damaged", "damaged_tool", "x").writeTo(dir());
    echo("sound", "sound_tool", "yes").writeTo(dir());
    try (PluginHost host = open()) {
      Files.write(damaged, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
      host.activateAll();
      assertThat(failureOf(host, "damaged").code()).isEqualTo(PluginErrors.UNREADABLE_JAR);
      assertThat(failureOf(host, "damaged").message()).contains("damaged.jar");
      assertThat(call(host, "damaged_tool").errorCode()).isEqualTo(PluginErrors.UNREADABLE_JAR.id());
      assertThat(call(host, "sound_tool")).isEqualTo(ToolResult.success("yes"));
    }
  }
}
