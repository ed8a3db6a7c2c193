package dev.localagent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;

/**
 * The training run for the JDK AOT cache (run by ./localagent when the jars change): executes the
 * short commands people run most, in one JVM, so their classes are loaded and linked ahead of
 * time. Uses a throwaway HOME so it never reads or writes the user's files.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException, ClassNotFoundException {
    var home = Files.createTempDirectory("localagent-aot-");
    var env = Map.of("HOME", home.toString());
    Class.forName(Main.class.getName());
    var sink = new PrintStream(OutputStream.nullOutputStream(), true);
    // Not 'config show': AOT-linked classes are all loaded at start-up, and the config stack
    // (Jackson, snakeyaml, logback) made the cache 29 MB and --version 63 MB RSS instead of 48 MB.
    String[][] commands = {{"--version"}, {"--help"}, {"config", "--help"}, {"--bogus"}};
    for (String[] command : commands) {
      Cli.run(command, sink, sink, env);
    }
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
