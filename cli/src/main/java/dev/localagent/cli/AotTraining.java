package dev.localagent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;

/**
 * The training run for the JDK AOT caches (run by ./localagent when the jars change): executes
 * the commands people run most, in one JVM, so their classes are loaded and linked ahead of
 * time. {@code short} trains the cache for --version only; {@code full} also runs help, loads the
 * configuration, logging, plugins, sessions and one offline turn, for every other command.
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
    if (args.length > 0 && args[0].equals("full")) {
      trainFull(sink);
    }
  }

  private static void trainFull(PrintStream sink) throws IOException {
    var home = Files.createTempDirectory("localagent-aot-");
    var env = Map.of("HOME", home.toString());
    String[][] commands = {{"--help"}, {"config", "--help"}, {"--bogus"}, {"config", "show"}, {"plugins", "list"},
      {"sessions", "list"}, {"providers", "list"}, {"run", "--provider", "echo", "--workdir", home.toString(), "hello"}};
    for (String[] command : commands) {
      Cli.run(command, sink, sink, env);
    }
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
