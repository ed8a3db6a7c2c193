package dev.localagent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;

/**
 * The training run for the JDK AOT caches (run by ./localagent when the jars change): executes
 * the commands people run most, in one JVM, so their classes are loaded and linked ahead of
 * time. {@code short} trains the cache for --version and --help; {@code full} also loads the
 * configuration, logging, plugins, sessions and one offline turn, for every other command.
 * Uses a throwaway HOME and workdir so it never reads or writes the user's files.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException, ClassNotFoundException {
    var home = Files.createTempDirectory("localagent-aot-");
    var env = Map.of("HOME", home.toString());
    boolean full = args.length > 0 && args[0].equals("full");
    Class.forName(Main.class.getName());
    var sink = new PrintStream(OutputStream.nullOutputStream(), true);
    // The short cache leaves out the config stack: AOT-linked classes are all loaded at start-up,
    // and Jackson, snakeyaml and logback made --version 63 MB RSS instead of 48 MB.
    String[][] commands = {{"--version"}, {"--help"}, {"config", "--help"}, {"--bogus"}};
    String[][] configured = {{"config", "show"}, {"plugins", "list"}, {"sessions", "list"},
      {"providers", "list"}, {"run", "--provider", "echo", "--workdir", home.toString(), "hello"}};
    for (String[] command : commands) {
      Cli.run(command, sink, sink, env);
    }
    if (full) {
      for (String[] command : configured) {
        Cli.run(command, sink, sink, env);
      }
    }
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
