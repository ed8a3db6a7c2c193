package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolResult;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a natively spawned command's {@link PollLoop} on the calling thread, so a short command
 * costs no thread hand-off (two wake-ups per command, the largest per-call cost measured in
 * docs/CAPACITY.md). A platform thread runs the whole loop. A virtual thread runs it for at most
 * {@link #VIRTUAL_BUDGET_NANOS} — blocking in poll(2) pins its carrier — and then hands the rest
 * to a pooled platform thread and parks until it is done.
 */
final class NativeCommand {
  /** How long a virtual thread may hold its carrier in poll(2): most quick commands end sooner. */
  static final long VIRTUAL_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private NativeCommand() {}

  /** Runs {@code loop} to its end and returns the result; cancelled by an interrupt of this thread. */
  static ToolResult await(PollLoop loop, OutputCapture capture) throws InterruptedException {
    if (!Thread.currentThread().isVirtual()) {
      loop.runToEnd();
    } else if (!loop.runUntil(System.nanoTime() + VIRTUAL_BUDGET_NANOS)) {
      if (loop.cancelled()) {
        RunningCommand.NATIVE_THREADS.execute(loop::runToEnd); // reaps and closes the pipes on its own
      } else {
        awaitOnPlatformThread(loop);
      }
    }
    if (loop.cancelled()) {
      Thread.interrupted(); // the interrupt is reported as the exception
      throw new InterruptedException("shell.exec cancelled; the command's process tree was killed");
    }
    int exitCode = loop.timedOut() ? -1 : loop.child().exitCode();
    return RunningCommand.result(capture, loop.timedOut(), exitCode);
  }

  private static void awaitOnPlatformThread(PollLoop loop) throws InterruptedException {
    Future<?> rest = RunningCommand.NATIVE_THREADS.submit(loop::runToEnd);
    try {
      rest.get();
    } catch (InterruptedException e) {
      loop.cancel(); // the platform thread reaps and closes the pipes on its own
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("shell.exec poll loop failed", e.getCause());
    }
  }
}
