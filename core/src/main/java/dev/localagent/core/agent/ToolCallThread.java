package dev.localagent.core.agent;

import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.Approver;
import dev.localagent.core.tool.ToolInvocation;
import dev.localagent.core.tool.ToolInvoker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one tool call on its own virtual thread so a cancel ends the turn promptly even when a
 * tool ignores interrupts (a blocking pipe read, say): the tool's thread is interrupted and given
 * a short grace; output it writes after that is dropped rather than logged after turn.done.
 */
final class ToolCallThread {
  static final long CANCEL_GRACE_MS = 2_000;

  private ToolCallThread() {}

  static ToolResult run(
      ToolInvoker invoker, SessionLog log, ToolCallRequest call, EngineSettings settings, Approver approver)
      throws InterruptedException {
    var abandoned = new java.util.concurrent.atomic.AtomicBoolean();
    var invocation =
        new ToolInvocation(log.sessionId(), call, settings.workdir(), (stream, chunk) -> {
          if (!abandoned.get()) {
            log.append(new ToolOutputChunk(call.id(), stream, chunk));
          }
        }, approver);
    var result = new CompletableFuture<ToolResult>();
    Thread worker = Thread.ofVirtual().name("tool-" + call.name()).start(() -> {
      try {
        result.complete(invoker.invoke(invocation));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get();
    } catch (InterruptedException e) {
      worker.interrupt();
      awaitQuietly(result);
      abandoned.set(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      return ToolResult.error(AgentErrors.INTERNAL.id(),
          "tool " + call.name() + " failed unexpectedly: " + e.getCause());
    }
  }

  private static void awaitQuietly(CompletableFuture<ToolResult> result) {
    try {
      result.get(CANCEL_GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Gone, failed or still stuck: the turn ends either way.
    }
  }
}
