package dev.localagent.core.tool.builtin;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The leader of a natively spawned command (its pid is also its process-group id). Signals and
 * the one reaping of its status happen under one lock, so a signal never reaches a recycled pid.
 */
final class NativeChild {
  private final long pid;
  private boolean reaped; // Guarded by this.
  private int exitCode; // Guarded by this; valid once reaped.

  NativeChild(long pid) {
    this.pid = pid;
  }

  long pid() {
    return pid;
  }

  /**
   * Once the leader has exited: SIGKILLs whatever it left running in its group ({@code server &}
   * would otherwise hold our pipes open and outlive the call), then reaps it. Until it is
   * reaped the leader is a zombie, so neither its pid nor the group id can have been reused.
   * {@code state} and {@code status} are the calling loop's native cells (see {@link NativeScratch}).
   */
  synchronized void killLeftoversAndReap(MemorySegment state, MemorySegment status) {
    if (!reaped) {
      Libc.killGroup(pid, Libc.SIGKILL, state);
      record(Libc.waitpid(pid, status, state));
    }
  }

  /** Reaps the leader if it has exited (for kernels without pidfd); true once reaped. */
  synchronized boolean tryReap() {
    if (!reaped) {
      int raw = Libc.waitpidNoHang(pid);
      if (raw != Libc.STILL_RUNNING) {
        record(raw);
        Libc.killGroup(pid, Libc.SIGKILL); // the group may outlive its leader
      }
    }
    return reaped;
  }

  /** Waits for the leader and reaps it; for cleanup after a kill. */
  synchronized void reap() {
    if (!reaped) {
      record(Libc.waitpid(pid));
    }
  }

  synchronized boolean reaped() {
    return reaped;
  }

  /** The exit code as shells report it: the status, or 128 + the signal that killed it. */
  synchronized int exitCode() {
    if (!reaped) {
      throw new IllegalStateException("command " + pid + " has not been reaped");
    }
    return exitCode;
  }

  /**
   * SIGKILLs the group, the leader and every descendant seen now, which also catches those that
   * left the group (timeout and cancel). Walking /proc for descendants is slow, but only done here.
   */
  void killTree() {
    List<ProcessHandle> descendants;
    synchronized (this) {
      if (reaped) {
        return; // the group was killed when the leader was reaped
      }
      descendants = ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of());
      Libc.killGroup(pid, Libc.SIGKILL);
      Libc.kill(pid, Libc.SIGKILL);
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private void record(int raw) {
    reaped = true;
    exitCode = raw < 0 ? 255 : (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f);
  }
}
