package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command started through ProcessBuilder (where native spawning is not available): pumps its
 * output on virtual threads, waits for exit, timeout or cancel, kills its tree.
 */
final class RunningCommand {
  private final Process process;
  private final OutputCapture capture;
  /** Platform threads for native polls and waits handed off by virtual threads, reused across commands. */
  static final ExecutorService NATIVE_THREADS = Executors.newCachedThreadPool(
      Thread.ofPlatform().daemon().name("shell-native-", 0).factory());
  private static final ExecutorService VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();

  private final Future<?> stdout;
  private final Future<?> stderr;

  RunningCommand(Process process, OutputCapture capture) {
    this.process = process;
    this.capture = capture;
    this.stdout = pump(process.getInputStream(), "stdout");
    this.stderr = pump(process.getErrorStream(), "stderr");
  }

  ToolResult await(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean exited;
    try {
      exited = process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException cancelled) {
      ProcessTree.kill(process);
      throw cancelled;
    }
    if (!exited) {
      ProcessTree.kill(process);
    } else {
      // Background jobs it left behind would hold our pipes open and outlive the call.
      ProcessTree.killGroup(process);
    }
    long left = Math.max(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 1000);
    join(stdout, left);
    join(stderr, left);
    return result(capture, !exited, exited ? process.waitFor() : -1);
  }

  /** The tool result for a finished command: its output, and what went wrong if anything did. */
  static ToolResult result(OutputCapture capture, boolean timedOut, int status) {
    var text = new StringBuilder(capture.text());
    if (capture.dropped() > 0) {
      text.append("\n[output truncated: ").append(capture.dropped()).append(" more bytes not shown]");
    }
    if (timedOut) {
      text.append("\n[timed out; the command and all processes it started were killed]");
      return ToolResult.error(ToolErrors.TIMEOUT.id(), text.toString());
    }
    if (status != 0) {
      text.append("\n[exit status ").append(status).append(']');
      return ToolResult.error(ToolErrors.EXIT_STATUS.id(), text.toString());
    }
    return ToolResult.success(text.toString());
  }

  private Future<?> pump(InputStream in, String stream) {
    return VIRTUAL_THREADS.submit(() -> { // JDK pipe streams are virtual-thread friendly
      try (in) {
        capture.pump(in, stream);
      } catch (IOException e) {
        // The stream closes when the process is killed; what was read is kept.
      }
    });
  }

  private static void join(Future<?> pump, long millis) throws InterruptedException {
    try {
      pump.get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A pipe still held open by an escaped process: return what was captured.
    }
  }
}
