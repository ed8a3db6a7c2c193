package dev.localagent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real entry point in-process inside a private home directory: HOME and XDG_* point
 * into a temp dir, so tests never read or write the real user's config.
 */
final class CliHarness {
  final Path home;
  final Path workdir;
  final Map<String, String> env = new HashMap<>();

  CliHarness(Path temp) {
    this.home = temp.resolve("home");
    this.workdir = temp.resolve("work");
    try {
      Files.createDirectories(home);
      Files.createDirectories(workdir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_DATA_HOME", home.resolve("data").toString());
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
  }

  record Result(int exitCode, String out, String err) {}

  Path userConfig() {
    return home.resolve("config/localagent/config.yaml");
  }

  Path projectConfig() {
    return workdir.resolve(".localagent/config.yaml");
  }

  Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result run(String... args) {
    var all = new String[args.length + 2];
    all[0] = "--workdir";
    all[1] = workdir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return runRaw(all);
  }

  Result runRaw(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
