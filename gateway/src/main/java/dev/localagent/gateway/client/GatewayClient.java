package dev.localagent.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Messages.Capabilities;
import dev.localagent.gateway.protocol.Messages.Hello;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A protocol v1 client over the JDK's WebSocket: one connection, requests correlated by id,
 * session events and server errors delivered to a {@link Listener}. The CLI's attach and send use
 * it; {@link ResumingSession} adds reconnect-with-resume on top.
 */
public final class GatewayClient implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final long REPLY_TIMEOUT_SECONDS = 30;

  /** The status reported when the connection dropped without a close frame. */
  public static final int ABNORMAL_CLOSURE = 1006;

  private final WebSocket socket;
  private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Listener listener;
  private final CompletableFuture<Integer> closed;
  private final FrameReader frames;
  private final Object sendLock = new Object();
  private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null); // Guarded by sendLock.

  /** What the client tells its owner about. Called on the socket's thread; must not block. */
  public interface Listener {
    void onEvent(EventFrame event);

    /** An error frame that answers no request (e.g. malformed input, rate limit). */
    default void onError(String code, String message) {}

    default void onClose(int statusCode, String reason) {}
  }

  private GatewayClient(WebSocket socket, Listener listener, FrameReader frames) {
    this.socket = socket;
    this.listener = listener;
    this.frames = frames;
    this.closed = frames.closed;
  }

  /**
   * Connects and authenticates.
   *
   * @throws LocalAgentException LA-GATEWAY-016 when the server cannot be reached, or the code the
   *     server answered hello with (e.g. LA-GATEWAY-002 for a wrong token)
   */
  public static GatewayClient connect(URI uri, String token, boolean batching, Listener listener) {
    // Not closed here: HttpClient.close() waits for the WebSocket it carries to end.
    HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    try {
      GatewayClient client = connect(http, uri, token, batching, listener, CONNECT_TIMEOUT);
      client.closed.whenComplete((status, e) -> http.shutdown()); // Its selector thread ends with the socket.
      return client;
    } catch (RuntimeException e) {
      http.shutdownNow();
      throw e;
    }
  }

  /**
   * Connects through a shared {@link HttpClient} (one selector thread for many connections, as
   * the pool uses it) and authenticates.
   *
   * @throws LocalAgentException as {@link #connect(URI, String, boolean, Listener)}
   */
  public static GatewayClient connect(HttpClient http, URI uri, String token, boolean batching,
      Listener listener, Duration connectTimeout) {
    var frames = new FrameReader(listener);
    WebSocket socket;
    try {
      socket = http.newWebSocketBuilder().connectTimeout(connectTimeout)
          .buildAsync(uri, frames).get(connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "cannot connect to " + uri + ": "
          + (e.getCause() == null ? e : e.getCause()), "is 'localagent serve' running on that port?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "interrupted while connecting", "");
    }
    var client = new GatewayClient(socket, listener, frames);
    frames.client = client;
    try {
      client.request(Protocol.HELLO, new Hello(Protocol.VERSION, token, "localagent-java",
          new Capabilities(batching)));
    } catch (LocalAgentException e) {
      client.close(); // Never leave an unauthenticated socket open (a wrong token is closed by the server too).
      throw e;
    }
    return client;
  }

  /** Sends a request and waits for its reply's {@code result}. */
  public JsonNode request(MessageSpec<?, ?> spec, Record params) {
    try {
      return requestAsync(spec, params).get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LocalAgentException la) {
        throw la;
      }
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, spec.type() + " failed: " + e.getCause(), "", e);
    } catch (TimeoutException e) {
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "no reply to " + spec.type()
          + " within " + REPLY_TIMEOUT_SECONDS + " s", "check the server is healthy", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "interrupted waiting for " + spec.type(), "");
    }
  }

  /** Sends a request; the future completes with its result or a LocalAgentException. */
  public CompletableFuture<JsonNode> requestAsync(MessageSpec<?, ?> spec, Record params) {
    String id = Long.toString(nextId.getAndIncrement());
    ObjectNode message = WireJson.mapper().valueToTree(params);
    message.put("type", spec.type());
    message.put("id", id);
    var reply = new CompletableFuture<JsonNode>();
    pending.put(id, reply);
    if (closed.isDone()) {
      // The connection ended before this request was registered, so onClosed did not fail it,
      // and the JDK WebSocket may neither send nor fail a send after it read a reset: fail it
      // here. Registered first and checked second, against onClosed's complete-then-drain, a
      // request is always failed by one of the two.
      failPending(id, "the connection had already ended (" + closed.join() + ")");
      return reply;
    }
    sendText(message.toString()).exceptionally(e -> {
      failPending(id, "send failed: " + e);
      // A failed send leaves the socket's output unusable while it may still look open until
      // the reset is read: end it now, so a pool never hands the dead connection out again.
      abort();
      return null;
    });
    return reply;
  }

  /** Sends any text as-is; for tests of the server's handling of bad input. */
  public CompletableFuture<WebSocket> sendText(String text) {
    return afterPendingSends(() -> socket.sendText(text, true));
  }

  /**
   * The JDK WebSocket refuses a send while the previous one is unfinished ("Send pending"), and a
   * reply can arrive before the send that asked for it is marked done: sends are chained, each
   * starting when the one before has finished, failed or not.
   */
  private CompletableFuture<WebSocket> afterPendingSends(Supplier<CompletableFuture<WebSocket>> send) {
    synchronized (sendLock) {
      CompletableFuture<WebSocket> next = lastSend.handle((ws, failure) -> null).thenCompose(ignored -> send.get());
      lastSend = next;
      return next;
    }
  }

  /** Whether the connection has not ended (no close frame, error or abort yet). */
  public boolean isOpen() {
    return !closed.isDone();
  }

  /** When a frame of any kind last arrived, in {@link System#nanoTime()} terms. */
  public long lastHeardNanos() {
    return frames.lastHeardNanos;
  }

  /** Requests sent whose reply has not arrived. */
  public int pendingRequests() {
    return pending.size();
  }

  /** Completes with the close status when the connection ends. */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  /** Drops the TCP connection without a close handshake, as a network failure would. */
  public void abort() {
    socket.abort();
    frames.finish(ABNORMAL_CLOSURE, "aborted"); // The JDK tells no listener about an abort.
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      afterPendingSends(() -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
    }
    try {
      closed.get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      abort();
    }
  }

  private void failPending(String id, String message) {
    var reply = id == null ? null : pending.remove(id);
    if (reply != null) {
      reply.completeExceptionally(new LocalAgentException(GatewayErrors.CONNECTION_LOST, message, ""));
    }
  }

  void onFrame(WireJson.ServerFrame frame) {
    switch (frame.type() == null ? "" : frame.type()) {
      case Protocol.EVENT -> listener.onEvent(frame.toEvent());
      case Protocol.ERROR -> onErrorFrame(frame.id(), Objects.requireNonNullElse(frame.code(), ""),
          Objects.requireNonNullElse(frame.message(), ""));
      default -> {
        var reply = frame.id() == null ? null : pending.remove(frame.id());
        if (reply != null) {
          reply.complete(frame.result() == null ? MissingNode.getInstance() : frame.result());
        }
      }
    }
  }

  private void onErrorFrame(String id, String code, String message) {
    var reply = id == null ? null : pending.remove(id);
    if (reply == null) {
      listener.onError(code, message);
      return;
    }
    reply.completeExceptionally(new LocalAgentException(errorCode(code), message, ""));
  }

  private static ErrorCode errorCode(String code) {
    try {
      boolean notFound = GatewayErrors.SESSION_NOT_FOUND.id().equals(code)
          || GatewayErrors.UNKNOWN_TOOL.id().equals(code);
      return new ErrorCode(code, notFound ? ExitCode.NOT_FOUND : ExitCode.FAILURE);
    } catch (IllegalArgumentException e) {
      return GatewayErrors.INTERNAL; // The server sent something that is not a code.
    }
  }

  /** Runs once {@code closed} is complete: fails every request registered so far (see requestAsync). */
  void onClosed(int status, String reason) {
    for (String id : pending.keySet()) { // Removed one by one: a clear() could drop one registered meanwhile.
      var reply = pending.remove(id);
      if (reply != null) {
        reply.completeExceptionally(new LocalAgentException(
            GatewayErrors.CONNECTION_LOST, "connection lost before the reply (" + status + " " + reason + ")",
            "the server may or may not have acted on the request; check before repeating it"));
      }
    }
    listener.onClose(status, reason);
  }

  /** Reassembles text messages from fragments and hands them to the client. */
  private static final class FrameReader implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final Listener listener;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile GatewayClient client;
    private volatile long lastHeardNanos = System.nanoTime();

    FrameReader(Listener listener) {
      this.listener = listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      lastHeardNanos = System.nanoTime();
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        try {
          WireJson.decodeServerFrames(message, client::onFrame);
        } catch (Exception e) {
          listener.onError(GatewayErrors.MALFORMED.id(), "server sent unreadable JSON: " + e.getMessage());
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      finish(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      finish(ABNORMAL_CLOSURE, String.valueOf(error.getMessage()));
    }

    private void finish(int status, String reason) {
      if (closed.complete(status) && client != null) {
        client.onClosed(status, reason);
      }
    }
  }
}
