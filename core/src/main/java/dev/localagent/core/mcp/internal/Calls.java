package dev.localagent.core.mcp.internal;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.mcp.McpErrors;
import io.modelcontextprotocol.spec.McpError;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for one request to an MCP server: its answer, the server's death, a deadline, or an
 * interrupt (a cancelled turn), whichever comes first. The request is cancelled in every case
 * but an answer.
 */
public final class Calls {
  private Calls() {}

  /** Why a request got no answer, with a stable {@link McpErrors} code. */
  public static final class CallFailure extends Exception {
    private final transient ErrorCode code;

    CallFailure(ErrorCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public ErrorCode code() {
      return code;
    }
  }

  /**
   * @param lost completes with a reason when the server is gone
   * @param lostGrace how long to wait for {@code lost} after a transport error: a write to a
   *     process that is dying fails a moment before its exit is seen, and its exit says more
   */
  static <T> T await(CompletableFuture<T> request, CompletableFuture<String> lost, Duration timeout,
      Duration lostGrace) throws InterruptedException, CallFailure {
    try {
      CompletableFuture.anyOf(request, lost).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (request.isDone()) {
        return request.get();
      }
      throw new CallFailure(McpErrors.CRASHED, "the server " + lost.getNow("stopped"));
    } catch (TimeoutException e) {
      throw new CallFailure(McpErrors.CALL_TIMEOUT, "no answer within " + describe(timeout));
    } catch (ExecutionException e) {
      throw failure(e.getCause(), lost, lostGrace);
    } catch (CancellationException e) {
      throw new CallFailure(McpErrors.CRASHED, "the request was cancelled");
    } finally {
      request.cancel(true);
    }
  }

  private static CallFailure failure(Throwable cause, CompletableFuture<String> lost, Duration lostGrace)
      throws InterruptedException {
    if (cause instanceof McpError error && error.getJsonRpcError() != null) {
      var rpc = error.getJsonRpcError();
      return new CallFailure(McpErrors.CALL_REJECTED, rpc.message() + " (JSON-RPC error " + rpc.code() + ")");
    }
    try {
      return new CallFailure(McpErrors.CRASHED, "the server " + lost.get(lostGrace.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException | ExecutionException e) {
      // Still there, or no process to watch (HTTP): the transport's own error is all we know.
    }
    Throwable root = McpError.findRootCause(cause);
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new CallFailure(McpErrors.CRASHED, "the connection failed: " + message);
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
  }
}
