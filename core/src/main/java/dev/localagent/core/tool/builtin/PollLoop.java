package dev.localagent.core.tool.builtin;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * A natively spawned command's whole life after the spawn, as one poll(2) loop over its stdout,
 * stderr and pidfd: output goes to the {@link OutputCapture} as it arrives; when the leader
 * exits, what it left in its group is killed and it is reaped; at the deadline or on cancel the
 * whole tree is killed. The loop can stop at a budget and be resumed on another thread (one
 * thread at a time), so a virtual-thread caller runs short commands itself and hands long ones
 * to a platform thread instead of pinning its carrier.
 */
final class PollLoop {
  private static final short POLLIN = 0x1;
  private static final int POLLFD_BYTES = NativeScratch.POLLFD_BYTES;
  private static final int TICK_MILLIS = 100; // how soon a cancel or interrupt is noticed
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1); // to drain pipes after the end
  private static final int STDOUT = 0;
  private static final int STDERR = 1;
  private static final int PIDFD = 2;

  private final NativeChild child;
  private final NativeScratch scratch; // released to the pool once the loop is over
  private final long deadline;
  private final int[] fds; // stdout, stderr, pidfd; -1 once closed (or no pidfd)
  private final OutputCapture.Stream[] sinks;
  private volatile boolean cancelled;
  private boolean timedOut;
  private boolean wrappingUp; // the leader is gone or being killed: stop reading pipes at the cutoff
  private long cutoff;
  private boolean finished; // over, and the scratch given back

  /** Takes over {@code scratch}, which {@code started} was spawned with, until the loop is over. */
  PollLoop(NativeSpawn.Started started, NativeScratch scratch, OutputCapture capture, long deadline) {
    this.child = new NativeChild(started.pid());
    this.scratch = scratch;
    this.deadline = deadline;
    int pidfd = NativeSpawn.pidfd(started.pid()); // negative on kernels before 5.3: then reap by polling
    this.fds = new int[] {started.stdoutFd(), started.stderrFd(), pidfd < 0 ? -1 : pidfd};
    this.sinks = new OutputCapture.Stream[] {capture.stream("stdout"), capture.stream("stderr")};
  }

  NativeChild child() {
    return child;
  }

  boolean timedOut() {
    return timedOut;
  }

  /** Kills the tree now and makes the loop wrap up; safe from any thread. */
  void cancel() {
    cancelled = true;
    child.killTree();
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Runs the loop until the command is over. An interrupt of the running thread counts as a cancel. */
  void runToEnd() {
    run(false, 0);
  }

  /** Runs the loop until the command is over (true) or until {@code budgetEnd} (false; call again to go on). */
  boolean runUntil(long budgetEnd) {
    return run(true, budgetEnd);
  }

  private boolean run(boolean budgeted, long budgetEnd) {
    if (finished) {
      return true;
    }
    MemorySegment pollfds = scratch.pollfds;
    MemorySegment buffer = scratch.readBuffer;
    MemorySegment callState = scratch.callState;
    while (!over()) {
      long now = System.nanoTime();
      if (budgeted && now - budgetEnd >= 0) {
        return false;
      }
      if (Thread.currentThread().isInterrupted() && !cancelled) {
        cancel();
      }
      long wait = (wrappingUp ? cutoff : deadline) - now;
      if (budgeted) {
        wait = Math.min(wait, budgetEnd - now);
      }
      int timeout = (int) Math.clamp(TimeUnit.NANOSECONDS.toMillis(wait) + 1, 0, TICK_MILLIS);
      for (int i = 0; i < fds.length; i++) {
        pollfds.set(JAVA_INT, (long) i * POLLFD_BYTES, fds[i]); // negative fds are skipped by poll
        pollfds.set(JAVA_SHORT, (long) i * POLLFD_BYTES + 4, POLLIN);
        pollfds.set(JAVA_SHORT, (long) i * POLLFD_BYTES + 6, (short) 0);
      }
      if (NativeSpawn.poll(pollfds, fds.length, timeout) > 0) {
        for (int i = STDOUT; i <= STDERR; i++) {
          if (fds[i] >= 0 && pollfds.get(JAVA_SHORT, (long) i * POLLFD_BYTES + 6) != 0) {
            fds[i] = drainOnce(fds[i], sinks[i], buffer, callState);
          }
        }
        if (fds[PIDFD] >= 0 && pollfds.get(JAVA_SHORT, PIDFD * (long) POLLFD_BYTES + 6) != 0) {
          child.killLeftoversAndReap(scratch.reapState, scratch.status);
          closeFd(PIDFD);
        }
      }
      if (fds[PIDFD] < 0 && !child.reaped()) {
        child.tryReap(); // no pidfd
      }
    }
    finished = true;
    scratch.release();
    return true;
  }

  /** True when the pipes are closed and the leader reaped; wraps up at the deadline, cancel or cutoff. */
  private boolean over() {
    long now = System.nanoTime();
    if (!timedOut && !child.reaped() && now - deadline >= 0) {
      timedOut = true;
      child.killTree();
    }
    if ((cancelled || timedOut) && !(wrappingUp && cutoff - now <= GRACE_NANOS)) {
      wrappingUp = true; // the tree is dead: its pipes close at once, or were taken by an escaped process
      cutoff = now + GRACE_NANOS;
    } else if (child.reaped() && !wrappingUp) {
      // Exited and its group killed; a daemon that left the group may hold a pipe: read on, up to the deadline.
      wrappingUp = true;
      cutoff = deadline - now > GRACE_NANOS ? deadline : now + GRACE_NANOS;
    }
    if (wrappingUp && now - cutoff >= 0) {
      closeFd(STDOUT);
      closeFd(STDERR);
      if (!child.reaped()) {
        closeFd(PIDFD);
        RunningCommand.NATIVE_THREADS.execute(child::reap); // SIGKILLed, but maybe stuck in the kernel
      }
      return true;
    }
    if (fds[STDOUT] < 0 && fds[STDERR] < 0 && child.reaped()) {
      closeFd(PIDFD);
      return true;
    }
    return false;
  }

  /** Reads what is there; returns the fd, or -1 once it hit EOF or failed (and was closed). */
  private static int drainOnce(int fd, OutputCapture.Stream sink, MemorySegment buffer, MemorySegment callState) {
    long n = Libc.read(fd, buffer, callState);
    if (n > 0) {
      sink.accept(buffer.asSlice(0, n).asByteBuffer());
      return fd;
    }
    if (n == -Libc.EINTR || n == -Libc.EAGAIN) {
      return fd;
    }
    Libc.close(fd);
    return -1;
  }

  private void closeFd(int index) {
    if (fds[index] >= 0) {
      Libc.close(fds[index]);
      fds[index] = -1;
    }
  }
}
