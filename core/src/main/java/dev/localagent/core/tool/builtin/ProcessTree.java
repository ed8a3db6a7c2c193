package dev.localagent.core.tool.builtin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starting a command in its own process group and killing everything it started. The child is
 * started through {@code setsid} (which execs the command in place, so the pid is the
 * command's), making its pid the group id; a kill signals the whole group, then every
 * descendant seen before the kill, which also catches those that left the group.
 */
final class ProcessTree {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  static final boolean GROUPS = Files.isExecutable(SETSID);
  /** False makes shell.exec use the portable ProcessBuilder path; tests flip it to cover both. */
  static volatile boolean nativeSpawn = NativeSpawn.AVAILABLE;

  private ProcessTree() {}

  /** The argv to start so that the command leads a new process group. */
  static List<String> inNewGroup(List<String> argv) {
    if (!GROUPS) {
      return argv;
    }
    var out = new ArrayList<String>(argv.size() + 1);
    out.add(SETSID.toString());
    out.addAll(argv);
    return out;
  }

  /** Starts {@code argv} through ProcessBuilder + setsid (the portable path; see {@link NativeSpawn}). */
  static Process start(List<String> argv, Map<String, String> env, Path cwd) throws IOException {
    var builder = new ProcessBuilder(inNewGroup(argv))
        .directory(cwd.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Kills the process, its group and all its descendants with SIGKILL. */
  static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    killGroup(process);
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** Kills what is left of the process's group, e.g. background jobs after the leader exited. */
  static void killGroup(Process process) {
    if (!GROUPS) {
      return; // not started in a group of its own: the group is ours
    }
    long pgid = process.pid();
    if (Libc.AVAILABLE) {
      Libc.killGroup(pgid, Libc.SIGKILL);
      return;
    }
    try {
      new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).start().waitFor();
    } catch (IOException e) {
      // Nothing else to try; descendants are still killed one by one by the caller.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
