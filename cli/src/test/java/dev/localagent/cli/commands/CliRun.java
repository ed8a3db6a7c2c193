package dev.localagent.cli.commands;

import dev.localagent.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real CLI entry point in-process with a private HOME (XDG dirs under it), the workdir
 * {@code home/work}, NO_COLOR set, and captures what it prints.
 */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(Path home, String... args) {
    return runWithEnv(home, Map.of(), args);
  }

  static CliRun runWithEnv(Path home, Map<String, String> extraEnv, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    Path workdir = home.resolve("work");
    try {
      Files.createDirectories(workdir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var argv = new ArrayList<>(List.of("--workdir", workdir.toString()));
    argv.addAll(List.of(args));
    Map<String, String> env = Map.of("HOME", home.toString(), "XDG_DATA_HOME", home.resolve("data").toString(),
        "XDG_CONFIG_HOME", home.resolve("config").toString(), "XDG_STATE_HOME", home.resolve("state").toString(),
        "NO_COLOR", "1");
    env = new java.util.HashMap<>(env);
    env.putAll(extraEnv);
    int code = Cli.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** An example plugin jar built by the examples module. */
  static Path example(String id) {
    return Path.of("target/example-plugins/localagent-examples-" + id + ".jar").toAbsolutePath();
  }
}
