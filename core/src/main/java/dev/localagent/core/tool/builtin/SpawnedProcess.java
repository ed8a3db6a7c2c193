package dev.localagent.core.tool.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child started by {@link NativeSpawn}, behind the {@link Process} API so the rest of
 * shell.exec does not care how it was started. {@link #drainInto} runs one poll loop per child
 * for both pipes and its exit; the status is reaped once, under the same lock that guards
 * signals, so a signal can never reach a recycled pid.
 */
final class SpawnedProcess extends Process {
  private final long pid;
  private final ProcessHandle handle;
  private final CompletableFuture<ProcessHandle> exit;
  private final InputStream stdout;
  private final InputStream stderr;
  private final int stdoutFd;
  private final int stderrFd;
  private volatile boolean abandoned;
  private Integer status; // Guarded by this; null until reaped.

  SpawnedProcess(long pid, int stdoutFd, int stderrFd) {
    this.pid = pid;
    this.handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("child " + pid + " vanished"));
    // Completed by the poll loop: ProcessHandle.onExit() costs ~1.5 ms more per command.
    this.exit = new CompletableFuture<>();
    this.stdoutFd = stdoutFd;
    this.stderrFd = stderrFd;
    this.stdout = new FdInputStream(stdoutFd);
    this.stderr = new FdInputStream(stderrFd);
  }

  /**
   * Reads stdout and stderr into {@code capture} and watches for exit, all on one pooled thread
   * with poll(2) over both pipes and a pidfd; the exit is reaped there, so a cancelled call
   * leaves no zombie. The returned future completes when both pipes are closed and the process
   * was reaped, or soon after {@link #abandon()}. Use this or the streams, not both.
   */
  Future<?> drainInto(OutputCapture capture) {
    return RunningCommand.NATIVE_THREADS.submit(() -> {
      new PollLoop(this, capture).run(stdoutFd, stderrFd);
      return null;
    });
  }

  /** Stops {@link #drainInto} from waiting for pipes held open by an escaped process. */
  void abandon() {
    abandoned = true;
  }

  boolean abandoned() {
    return abandoned;
  }

  /** Called by the poll loop when the pidfd says the child exited. */
  void exited() {
    reap();
    exit.complete(handle);
  }

  @Override
  public OutputStream getOutputStream() {
    return OutputStream.nullOutputStream(); // stdin is /dev/null
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return stderr;
  }

  @Override
  public int waitFor() throws InterruptedException {
    try {
      exit.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return reap();
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      reap();
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int exitValue() {
    if (!exit.isDone()) {
      throw new IllegalThreadStateException("process " + pid + " has not exited");
    }
    return reap();
  }

  /** The exit code as shells report it: the status, or 128 + the signal that killed it. */
  private synchronized int reap() {
    if (status == null) {
      int raw = Libc.waitpid(pid);
      status = raw < 0 ? 255 : (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f);
    }
    return status;
  }

  @Override
  public void destroy() {
    signal(Libc.SIGTERM);
  }

  @Override
  public Process destroyForcibly() {
    signal(Libc.SIGKILL);
    return this;
  }

  private synchronized void signal(int signal) {
    if (status == null) { // once reaped the pid may belong to someone else
      Libc.kill(pid, signal);
    }
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public ProcessHandle toHandle() {
    return handle;
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return exit.thenApply(h -> this);
  }

  /** A pipe's read end, read with read(2) through FFM. */
  private static final class FdInputStream extends InputStream {
    private static final int MAX_READ = 16 * 1024;
    private final int fd;
    private boolean closed; // Guarded by this.

    FdInputStream(int fd) {
      this.fd = fd;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      long n = Libc.read(fd, b, off, Math.min(len, MAX_READ));
      if (n < 0) {
        throw new IOException("read failed: " + Libc.describe((int) -n));
      }
      if (n == 0) {
        return -1;
      }
      return (int) n;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        Libc.close(fd);
      }
    }
  }
}
