package dev.localagent.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting a child as the leader of a process group of its own, and killing that group. The child
 * is started through {@code setsid}, which execs it in place, so its pid is the group id and
 * whatever it starts shares the group. Used by shell.exec's portable path and by MCP servers.
 */
public final class ProcessGroups {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  /** False where there is no setsid: children then share our group, which must never be killed. */
  public static final boolean AVAILABLE = Files.isExecutable(SETSID);

  private ProcessGroups() {}

  /** The argv to start so that the command leads a new process group. */
  public static List<String> inNewGroup(List<String> argv) {
    if (!AVAILABLE) {
      return argv;
    }
    var out = new ArrayList<String>(argv.size() + 1);
    out.add(SETSID.toString());
    out.addAll(argv);
    return out;
  }

  /**
   * Sends SIGKILL to the group {@code pgid} with kill(1). Does nothing without setsid (the group
   * would be ours) or without kill(1); callers still kill the descendants they saw one by one.
   */
  public static void killWithCommand(long pgid) {
    if (!AVAILABLE) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      // No kill(1): nothing else to try here.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
