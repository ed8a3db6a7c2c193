package dev.localagent.core.tool.builtin;

import dev.localagent.core.process.ProcessGroups;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starting a command in its own process group and killing everything it started. The child is
 * started through {@code setsid} (which execs the command in place, so the pid is the
 * command's), making its pid the group id; a kill signals the whole group, then every
 * descendant seen before the kill, which also catches those that left the group.
 */
final class ProcessTree {
  /** False makes shell.exec use the portable ProcessBuilder path; tests flip it to cover both. */
  static volatile boolean nativeSpawn = NativeSpawn.AVAILABLE;

  private ProcessTree() {}

  /** Starts {@code argv} through ProcessBuilder + setsid (the portable path; see {@link NativeSpawn}). */
  static Process start(List<String> argv, Map<String, String> env, Path cwd) throws IOException {
    var builder = new ProcessBuilder(ProcessGroups.inNewGroup(argv))
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
    if (!ProcessGroups.AVAILABLE) {
      return; // not started in a group of its own: the group is ours
    }
    long pgid = process.pid();
    if (Libc.AVAILABLE) {
      Libc.killGroup(pgid, Libc.SIGKILL);
      return;
    }
    ProcessGroups.killWithCommand(pgid); // Descendants are still killed one by one by the caller.
  }
}
