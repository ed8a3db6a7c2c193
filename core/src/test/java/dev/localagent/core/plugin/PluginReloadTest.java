package dev.localagent.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.plugin.testkit.PluginJarBuilder;
import dev.localagent.core.plugin.testkit.TestPlugins;
import dev.localagent.core.tool.ToolRegistry;
import java.io.IOException;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginReloadTest {
  @TempDir Path root;

  /** A tool that reports its class loader, then waits for the test's latches, then answers. */
  private static PluginJarBuilder slow(String reply) {
    return PluginJarBuilder.plugin("slow").tool("slow_tool", "waits")
        .source("p.slow.Entry", TestPlugins.toolPlugin("p.slow", "slow_tool", """
            @SuppressWarnings("unchecked")
            var seen = (Map<String, Object>) request.arguments().get("seen");
            if (seen != null) seen.put("loader", getClass().getClassLoader());
            var entered = (java.util.concurrent.CountDownLatch) request.arguments().get("entered");
            var release = (java.util.concurrent.CountDownLatch) request.arguments().get("release");
            if (entered != null) { entered.countDown(); release.await(); }
            return ToolResult.success("%s");
            """.formatted(reply)));
  }

  private static void replace(Path jar, PluginJarBuilder next) throws IOException {
    Path staged = next.writeTo(jar.getParent().resolve("staging"), "next.jar");
    Files.move(staged, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static long openDescriptorsTo(Path jar) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith(jar.toString());
        } catch (IOException e) {
          return false; // The descriptor closed while listing.
        }
      }).count();
    }
  }

  @Test
  void reloadWhileACallRunsSendsNewCallsToTheNewVersionAndUnloadsTheOldOne() throws Exception {
    Path dir = root.resolve("plugins");
    Path jar = slow("v1").writeTo(dir);
    var registry = new ToolRegistry();
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT);
        var executor = Executors.newSingleThreadExecutor()) {
      host.registerTools(registry);
      Tool tool = registry.find("slow_tool").orElseThrow();
      var entered = new CountDownLatch(1);
      var release = new CountDownLatch(1);
      var seen = new HashMap<String, Object>();
      var inFlight = executor.submit(() -> tool.call(
          new ToolRequest("old", Map.of("entered", entered, "release", release, "seen", seen), root), ToolOutput.DISCARD));
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

      replace(jar, slow("version-two"));
      assertThat(host.reload()).containsExactly("slow");
      ToolResult fresh = registry.find("slow_tool").orElseThrow()
          .call(new ToolRequest("new", Map.of(), root), ToolOutput.DISCARD);
      assertThat(fresh).isEqualTo(ToolResult.success("version-two"));
      assertThat(inFlight.isDone()).isFalse();
      assertThat(openDescriptorsTo(jar)).as("old jar still open while its call runs").isPositive();

      release.countDown();
      assertThat(inFlight.get(30, TimeUnit.SECONDS)).isEqualTo(ToolResult.success("v1"));
      assertThatThrownBy(() -> Class.forName("p.slow.NeverLoaded", false, (ClassLoader) seen.get("loader")))
          .as("a lookup in the stopped plugin's closed jar finds nothing rather than failing otherwise")
          .isInstanceOf(ClassNotFoundException.class);
      var queue = new ReferenceQueue<ClassLoader>();
      var oldLoader = new WeakReference<>((ClassLoader) seen.remove("loader"), queue);
      assertThat(awaitCollected(queue, oldLoader)).as("old plugin class loader collected").isTrue();
      assertThat(host.plugin("slow").orElseThrow().status()).isEqualTo(PluginInfo.Status.ACTIVE);
    }
  }

  /** Polls GC until the reference is enqueued, at most ~10 s; waits on the queue, not a sleep. */
  private static boolean awaitCollected(ReferenceQueue<ClassLoader> queue, WeakReference<ClassLoader> ref)
      throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      System.gc();
      if (queue.remove(100) == ref) {
        return true;
      }
    }
    return ref.refersTo(null);
  }

  @Test
  void removedAndAddedJarsArePickedUpByReloadAndTheRegistryFollows() throws Exception {
    Path dir = root.resolve("plugins");
    Path first = TestPlugins.echo("first", "first_tool", "1").writeTo(dir);
    var registry = new ToolRegistry();
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT)) {
      host.registerTools(registry);
      TestPlugins.echo("second", "second_tool", "2").writeTo(dir);
      Files.delete(first);
      assertThat(host.reload()).containsExactlyInAnyOrder("first", "second");
      assertThat(registry.specs()).extracting(s -> s.name()).containsExactly("second_tool");
      assertThat(registry.find("second_tool").orElseThrow().call(new ToolRequest("c", Map.of(), root), ToolOutput.DISCARD))
          .isEqualTo(ToolResult.success("2"));
    }
  }

  @Test
  void theWatcherReloadsWhenAJarIsAdded() throws Exception {
    Path dir = Files.createDirectories(root.resolve("plugins"));
    var registry = new ToolRegistry();
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root, dir), PluginsConfig.DEFAULT)) {
      host.registerTools(registry);
      var seen = new CountDownLatch(1);
      try (AutoCloseable watch = host.watch()) {
        Path staged = TestPlugins.echo("late", "late_tool", "3").writeTo(root.resolve("staging"));
        Files.move(staged, dir.resolve("late.jar"), StandardCopyOption.ATOMIC_MOVE);
        for (int i = 0; i < 300 && registry.find("late_tool").isEmpty(); i++) {
          seen.await(50, TimeUnit.MILLISECONDS); // bounded poll of the watcher's effect
        }
      }
      assertThat(registry.find("late_tool")).isPresent();
    }
  }
}
