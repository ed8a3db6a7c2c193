package dev.localagent.core.tool.builtin;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's worth of work per natively spawned command: poll(2) over its stdout, stderr and
 * pidfd; bytes go to the {@link OutputCapture}, the exit is reaped as soon as the pidfd fires.
 * Ends when both pipes are closed and the child was reaped, or when the command is abandoned.
 */
final class PollLoop {
  private static final short POLLIN = 0x1;
  private static final int POLLFD_BYTES = 8; // struct pollfd { int fd; short events; short revents; }
  private static final int TICK_MILLIS = 200; // how soon an abandoned loop notices

  private final SpawnedProcess process;
  private final OutputCapture capture;

  PollLoop(SpawnedProcess process, OutputCapture capture) {
    this.process = process;
    this.capture = capture;
  }

  void run(int stdoutFd, int stderrFd) {
    int pidfd = NativeSpawn.pidfd(process.pid());
    int[] fds = {stdoutFd, stderrFd, pidfd};
    OutputCapture.Stream[] sinks = {capture.stream("stdout"), capture.stream("stderr"), null};
    byte[] buffer = new byte[16 * 1024];
    if (pidfd < 0) {
      fds[2] = -1; // no pidfd (old kernel): reap once the pipes are closed
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pollfds = arena.allocate((long) POLLFD_BYTES * fds.length);
      while ((fds[0] >= 0 || fds[1] >= 0 || fds[2] >= 0) && !process.abandoned()) {
        for (int i = 0; i < fds.length; i++) {
          pollfds.set(JAVA_INT, (long) i * POLLFD_BYTES, fds[i]); // negative fds are ignored by poll
          pollfds.set(JAVA_SHORT, (long) i * POLLFD_BYTES + 4, POLLIN);
          pollfds.set(JAVA_SHORT, (long) i * POLLFD_BYTES + 6, (short) 0);
        }
        if (NativeSpawn.poll(pollfds, fds.length, TICK_MILLIS) <= 0) {
          continue; // timeout or EINTR
        }
        for (int i = 0; i < 2; i++) {
          if (fds[i] >= 0 && pollfds.get(JAVA_SHORT, (long) i * POLLFD_BYTES + 6) != 0) {
            fds[i] = drainOnce(fds[i], sinks[i], buffer);
          }
        }
        if (fds[2] >= 0 && pollfds.get(JAVA_SHORT, 2L * POLLFD_BYTES + 6) != 0) {
          process.exited();
          Libc.close(fds[2]);
          fds[2] = -1;
        }
      }
    } finally {
      for (int fd : fds) {
        if (fd >= 0) {
          Libc.close(fd);
        }
      }
      process.exited(); // reaps, if not yet: the leader has exited or was killed by now
    }
  }

  /** Reads what is there; returns the fd, or -1 once it hit EOF or failed (and was closed). */
  private static int drainOnce(int fd, OutputCapture.Stream sink, byte[] buffer) {
    long n = Libc.read(fd, buffer, 0, buffer.length);
    if (n > 0) {
      sink.accept(buffer, (int) n);
      return fd;
    }
    Libc.close(fd);
    return -1;
  }
}
