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
 * time. {@code short} trains the cache for --version only; {@code config} the commands that load
 * the configuration and read local state; {@code plugins} listing and inspecting installed
 * plugins from their index; {@code full} also runs help and one offline turn, for
 * every other command; {@code serve} (for serve and bench) runs WebSocket connections through a
 * real gateway, so a fresh server's connection set-up starts from recorded JIT profiles.
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
    // --version as Main runs it, printing to the real stdout (the launcher sends the training's
    // to /dev/null), so the classes of writing to a file descriptor are in the cache too.
    Main.run(new String[] {"--version"}, System.out, System.err);
    Main.otherThreadsKeepTheJvmAlive();
    String mode = args.length > 0 ? args[0] : "short";
    if (mode.equals("config")) {
      train(sink, CONFIG_COMMANDS);
    } else if (mode.equals("plugins")) {
      trainPlugins(sink);
    } else if (mode.equals("index") && args.length > 1) {
      Cli.run(new String[] {"plugins", "list"}, sink, sink, Map.of("HOME", args[1]));
    } else if (mode.equals("full")) {
      train(sink, FULL_COMMANDS);
    } else if (mode.equals("serve")) {
      // The commands' own classes and picocli's parsing of them: the bare --version above is
      // answered without the command tree, so nothing else would load them here.
      for (String[] command : SERVE_COMMANDS) {
        Cli.run(command, sink, sink, Map.of());
      }
      GatewayTraining.run(GatewayTraining.CONNECTIONS);
    }
  }

  /**
   * The commands that load the configuration and print from local state ({@code config},
   * {@code sessions}, {@code providers}, {@code doctor}): without help, the engine or netty in
   * the cache they start with ~2,100 classes instead of the full cache's ~3,500. {@code plugins}
   * has a cache of its own (below).
   */
  private static final String[][] CONFIG_COMMANDS = {{"config", "show"}, {"config", "validate"},
    {"config", "get", "logging.level"}, {"sessions", "list"}, {"providers", "list"}};

  private static final String[][] SERVE_COMMANDS = {{"serve", "--help"}, {"bench", "websocket", "--help"}};

  /** {@code --json --version}: --version with any other option runs picocli, from this cache. */
  private static final String[][] FULL_COMMANDS = {{"--json", "--version"}, {"--help"}, {"config", "--help"}, {"--bogus"},
    {"config", "show"}, {"plugins", "list"}, {"plugins", "list"}, {"sessions", "list"}, {"providers", "list"},
    {"run", "--provider", "echo", "--workdir", "WORKDIR", "hello"}};

  /**
   * The {@code plugins} commands, which start from their own cache: listing with a thousand
   * plugins installed must take no more than 200 ms (docs/CAPACITY.md), and every class in the
   * config cache (Jackson databind, YAML, sessions) was loaded at each listing's start. The
   * index and the saved listing are written by a separate JVM ({@code index} mode), so the
   * manifest parser's Jackson databind stays out of this cache, and {@code list} and
   * {@code list --json} here train what every listing but the first after a change runs: the
   * saved listing ({@code PluginListing}), not the index and the resolver ({@code info} trains
   * those).
   */
  private static final String[][] PLUGINS_COMMANDS = {{"plugins", "list"}, {"plugins", "list", "--json"},
    {"plugins", "info", "aot-training"}};

  private static void trainPlugins(PrintStream sink) throws IOException {
    Path home = Files.createTempDirectory("localagent-aot-");
    writePlugin(home.resolve(".local/share/localagent/plugins/aot-training.jar"));
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var indexer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AotTraining.class.getName(), "index", home.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      if (indexer.start().waitFor() != 0) {
        throw new IOException("writing the training plugin index failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the training plugin index", e);
    }
    runIn(home, sink, PLUGINS_COMMANDS);
  }

  private static void train(PrintStream sink, String[][] commands) throws IOException {
    var home = Files.createTempDirectory("localagent-aot-");
    writePlugin(home.resolve(".local/share/localagent/plugins/aot-training.jar"));
    runIn(home, sink, commands);
  }

  /** Runs {@code commands} with {@code home} as HOME ({@code WORKDIR} stands for it), then deletes it. */
  private static void runIn(Path home, PrintStream sink, String[][] commands) throws IOException {
    var env = Map.of("HOME", home.toString());
    for (String[] template : commands) {
      String[] command = template.clone();
      for (int i = 0; i < command.length; i++) {
        command[i] = command[i].equals("WORKDIR") ? home.toString() : command[i];
      }
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
