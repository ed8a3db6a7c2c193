package dev.localagent.cli;

import dev.localagent.core.config.Config;
import dev.localagent.core.config.Dirs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command needs from the composition root: resolved directories, the effective config,
 * the environment, output streams and the global flags. Created once per process by {@link
 * LocalAgentCommand#context()}.
 */
public record AppContext(
    Dirs dirs, Config config, Map<String, String> env, PrintWriter out, PrintWriter err, GlobalOptions globals) {

  public boolean json() {
    return globals.json;
  }

  public boolean color() {
    return !globals.noColor && !env.containsKey("NO_COLOR");
  }

  public Path workdir() {
    return dirs.workdir();
  }
}
