package dev.localagent.core.mcp.internal;

import dev.localagent.core.process.ProcessGroups;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping an MCP server and everything it started. The server is started in a group of its own
 * ({@link ProcessGroups#inNewGroup}): {@code npx} and the node process it starts, and anything
 * they leave running, share the group.
 */
final class ProcessTrees {
  /** How long a server may take to exit after its stdin closed, and again after SIGTERM. */
  static final Duration GRACE = Duration.ofMillis(500);

  private ProcessTrees() {}

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
    ProcessGroups.killWithCommand(process.pid()); // kill(1), not a native call: once per server at exit.
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
