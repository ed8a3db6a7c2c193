package dev.localagent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import dev.localagent.core.plugin.PluginManifest;
import dev.localagent.gateway.GatewayTraining;

/**
 * The training run for the JDK AOT caches (run by ./localagent when the jars change): executes
 * the commands people run most, in one JVM, so their classes are loaded and linked ahead of
 * time. {@code short} trains the cache for --version only; {@code full} also runs help, loads the
 * configuration, logging, plugins, sessions and one offline turn, for every other command;
 * {@code serve} (for serve and bench) runs WebSocket connections through a real gateway, so a
 * fresh server's connection set-up starts from recorded JIT profiles.
 * Uses a throwaway HOME and workdir so it never reads or writes the user's files.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    var sink = new PrintStream(OutputStream.nullOutputStream(), true);
    // AOT-linked classes are all loaded at start-up, so the short cache holds only what --version
    // runs, and nothing of the training's own: with --help in it (which reflects every command
    // class, and through their fields netty, Jackson, jgit...) --version loaded 1,800 classes and
    // opened all 40 jars; a temp directory here added SecureRandom and file-tree walking.
    Cli.run(new String[] {"--version"}, sink, sink, Map.of());
    Main.otherThreadsKeepTheJvmAlive();
    String training = args.length > 0 ? args[0] : "short";
    if (training.equals("full")) {
      trainFull(sink);
    } else if (training.equals("serve")) {
      GatewayTraining.run(GatewayTraining.CONNECTIONS);
    }
  }

  private static void trainFull(PrintStream sink) throws IOException {
    var home = Files.createTempDirectory("localagent-aot-");
    var env = Map.of("HOME", home.toString());
    writePlugin(home.resolve(".local/share/localagent/plugins/aot-training.jar"));
    // 'plugins list' twice: the first discovers the plugin and writes the index, the second reads
    // the index (what every later listing does).
    String[][] commands = {{"--help"}, {"config", "--help"}, {"--bogus"}, {"config", "show"}, {"plugins", "list"},
      {"plugins", "list"}, {"sessions", "list"}, {"providers", "list"},
      {"run", "--provider", "echo", "--workdir", home.toString(), "hello"}};
    for (String[] command : commands) {
      Cli.run(command, sink, sink, env);
    }
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A plugin jar with a manifest only: listing reads manifests and the index, never classes. */
  private static void writePlugin(Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    String manifest = """
        {"id":"aot-training","version":"1.0.0","api_version":"1.0","description":"AOT cache training",
         "entry":"aot.training.Plugin",
         "provides":{"tools":[{"name":"aot_training","description":"Not callable.",
           "parameters":{"type":"object","properties":{}}}]},
         "permissions":{"paths":[],"exec":false,"network":[]}}
        """;
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(PluginManifest.PATH));
      out.write(manifest.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
