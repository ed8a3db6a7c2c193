package dev.localagent.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.plugin.testkit.PluginJarBuilder;
import dev.localagent.core.plugin.testkit.SourceCompiler;
import dev.localagent.core.plugin.testkit.TestPlugins;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginIsolationTest {
  @TempDir Path root;

  private static String greeter(String version) {
    return "package com.acme.lib; public final class Greeter { public String greet() { return \"greeter " + version + "\"; } }";
  }

  private static PluginJarBuilder pluginBundling(String id, String libVersion) {
    String pkg = "p." + id;
    return PluginJarBuilder.plugin(id).tool(id + "_greet", "greets")
        .source(pkg + ".Entry", TestPlugins.toolPlugin(pkg, id + "_greet", """
            String hostLib;
            try { Class.forName("com.fasterxml.jackson.databind.ObjectMapper"); hostLib = "visible"; }
            catch (ClassNotFoundException e) { hostLib = "hidden"; }
            return ToolResult.success(new com.acme.lib.Greeter().greet() + ", host jackson " + hostLib);
            """))
        .source("com.acme.lib.Greeter", greeter(libVersion))
        .entry(pkg + ".Entry");
  }

  private static ToolResult call(PluginHost host, String name) throws InterruptedException {
    Tool tool = host.tools().stream().filter(t -> t.spec().name().equals(name)).findFirst().orElseThrow();
    return tool.call(new ToolRequest("c", Map.of(), Path.of(".")), ToolOutput.DISCARD);
  }

  @Test
  void twoPluginsBundlingConflictingLibraryVersionsBothWorkAndNeitherSeesHostLibraries() throws Exception {
    Path dir = root.resolve("plugins");
    pluginBundling("alpha", "1.0").writeTo(dir);
    pluginBundling("beta", "2.0").writeTo(dir);
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT)) {
      assertThat(call(host, "alpha_greet")).isEqualTo(ToolResult.success("greeter 1.0, host jackson hidden"));
      assertThat(call(host, "beta_greet")).isEqualTo(ToolResult.success("greeter 2.0, host jackson hidden"));
      assertThat(call(host, "alpha_greet").content()).startsWith("greeter 1.0");
    }
  }

  @Test
  void aDependentPluginUsesClassesOfItsDependency() throws Exception {
    Path dir = root.resolve("plugins");
    String api = "package p.base; public final class Words { public static int count(String s) { return s.trim().split(\"\\\\s+\").length; } }";
    PluginJarBuilder.plugin("base").source("p.base.Entry", "package p.base; public final class Entry implements dev.localagent.api.plugin.Plugin {}")
        .source("p.base.Words", api).writeTo(dir);
    PluginJarBuilder.plugin("user").dependsOn("base", "^1.0.0").tool("count_words", "counts")
        .source("p.user.Entry", TestPlugins.toolPlugin("p.user", "count_words",
            "return ToolResult.success(String.valueOf(p.base.Words.count(request.string(\"text\"))));"))
        .compileAgainst("p.base.Words", api)
        .writeTo(dir);
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT)) {
      Tool tool = host.tools().getFirst();
      ToolResult result = tool.call(new ToolRequest("c", Map.of("text", "one two three"), Path.of(".")), ToolOutput.DISCARD);
      assertThat(result).isEqualTo(ToolResult.success("3"));
      assertThat(host.plugin("base").orElseThrow().status()).isEqualTo(PluginInfo.Status.ACTIVE);
    }
  }

  private static PluginJarBuilder resourceReader(String id, String greeting) {
    String pkg = "p." + id;
    return PluginJarBuilder.plugin(id).tool(id + "_read", "reads its resource")
        .source(pkg + ".Entry", TestPlugins.toolPlugin(pkg, id + "_read", """
            ClassLoader own = getClass().getClassLoader();
            try (var stream = own.getResourceAsStream("data/greeting.txt");
                var viaUrl = getClass().getResource("/data/greeting.txt").openStream()) {
              return ToolResult.success(new String(stream.readAllBytes()) + "|" + new String(viaUrl.readAllBytes())
                  + "|api " + (own.getResource("dev/localagent/api/plugin/Plugin.class") != null)
                  + "|host " + (own.getResource("dev/localagent/core/plugin/PluginHost.class") != null));
            } catch (java.io.IOException e) {
              return ToolResult.error("io", e.toString());
            }
            """))
        .entryBytes("data/greeting.txt", greeting.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void eachPluginReadsResourcesFromItsOwnJarAndSeesTheApiButNoHostResources() throws Exception {
    Path dir = root.resolve("plugins");
    resourceReader("alpha", "hello from alpha").writeTo(dir);
    resourceReader("beta", "hello from beta").writeTo(dir);
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT)) {
      assertThat(call(host, "alpha_read"))
          .isEqualTo(ToolResult.success("hello from alpha|hello from alpha|api true|host false"));
      assertThat(call(host, "beta_read"))
          .isEqualTo(ToolResult.success("hello from beta|hello from beta|api true|host false"));
    }
  }

  @Test
  void aMultiReleaseJarLoadsTheClassVersionedForThisJava() throws Exception {
    Path dir = root.resolve("plugins");
    String variant = "package p.mr; public final class Variant { public static String name() { return \"%s\"; } }";
    byte[] versioned = SourceCompiler.compile(Map.of("p.mr.Variant", variant.formatted("java 17+")))
        .get("p.mr.Variant");
    PluginJarBuilder.plugin("mr").tool("mr_variant", "names the class it loaded")
        .source("p.mr.Entry", TestPlugins.toolPlugin("p.mr", "mr_variant", "return ToolResult.success(Variant.name());"))
        .source("p.mr.Variant", variant.formatted("base"))
        .entry("p.mr.Entry")
        .entryBytes("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n".getBytes())
        .entryBytes("META-INF/versions/17/p/mr/Variant.class", versioned)
        .writeTo(dir);
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT)) {
      assertThat(call(host, "mr_variant")).isEqualTo(ToolResult.success("java 17+"));
    }
  }
}
