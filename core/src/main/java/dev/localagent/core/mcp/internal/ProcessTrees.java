package dev.localagent.core.mcp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting a server in a process group of its own and stopping everything it started. The
 * server is started through {@code setsid}, which execs it in place, so its pid is the group id:
 * {@code npx} and the node process it starts, and anything they leave running, share the group.
 */
final class ProcessTrees {
  /** How long a server may take to exit after its stdin closed, and again after SIGTERM. */
  static final Duration GRACE = Duration.ofMillis(500);
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final boolean GROUPS = Files.isExecutable(SETSID);

  private ProcessTrees() {}

  static List<String> inNewGroup(List<String> argv) {
    if (!GROUPS) {
      return argv;
    }
    var out = new ArrayList<String>(argv.size() + 1);
    out.add(SETSID.toString());
    out.addAll(argv);
    return out;
  }

  /**
   * Waits up to {@code grace} for the process to exit by itself (its stdin was closed), then
   * sends SIGTERM and waits as long again, then kills its group and every descendant seen
   * before with SIGKILL.
   */
  static void stop(Process process, Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    killGroup(process.pid());
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private static void killGroup(long pgid) {
    if (!GROUPS) {
      return; // The server shares our group: killing the group would kill us.
    }
    try {
      // kill(1) rather than a native call: this runs once per server at exit.
      new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      // No kill(1): the process and its descendants are still killed one by one.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
