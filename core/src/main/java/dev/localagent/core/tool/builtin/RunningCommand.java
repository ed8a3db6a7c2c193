package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One started command: pumps its output, waits for exit, timeout or cancel, kills its tree. */
final class RunningCommand {
  private final Process process;
  private final OutputCapture capture;
  /** Platform threads for native reads and waits, reused across commands. */
  static final ExecutorService NATIVE_THREADS = Executors.newCachedThreadPool(
      Thread.ofPlatform().daemon().name("shell-native-", 0).factory());
  private static final ExecutorService VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();

  private final Future<?> stdout;
  private final Future<?> stderr;

  RunningCommand(Process process, OutputCapture capture) {
    this.process = process;
    this.capture = capture;
    if (process instanceof SpawnedProcess spawned) {
      this.stdout = spawned.drainInto(capture); // one poll loop for both pipes and the exit
      this.stderr = CompletableFuture.completedFuture(null);
    } else {
      this.stdout = pump(process.getInputStream(), "stdout");
      this.stderr = pump(process.getErrorStream(), "stderr");
    }
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
    if (process instanceof SpawnedProcess spawned) {
      spawned.abandon(); // a pipe still held by an escaped process must not keep the loop alive
    }
    return result(exited);
  }

  private ToolResult result(boolean exited) throws InterruptedException {
    var text = new StringBuilder(capture.text());
    if (capture.dropped() > 0) {
      text.append("\n[output truncated: ").append(capture.dropped()).append(" more bytes not shown]");
    }
    if (!exited) {
      text.append("\n[timed out; the command and all processes it started were killed]");
      return ToolResult.error(ToolErrors.TIMEOUT.id(), text.toString());
    }
    int status = process.waitFor();
    if (status != 0) {
      text.append("\n[exit status ").append(status).append(']');
      return ToolResult.error(ToolErrors.EXIT_STATUS.id(), text.toString());
    }
    return ToolResult.success(text.toString());
  }

  private Future<?> pump(InputStream in, String stream) {
    // Native reads would pin a virtual thread's carrier; JDK pipe streams are virtual-thread friendly.
    ExecutorService threads = process instanceof SpawnedProcess ? NATIVE_THREADS : VIRTUAL_THREADS;
    return threads.submit(() -> {
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
