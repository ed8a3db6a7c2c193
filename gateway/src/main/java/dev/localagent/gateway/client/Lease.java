package dev.localagent.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Messages.SessionAttach;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Exclusive use of one pooled connection until {@link #close()}. Requests may be pipelined (the
 * replies are matched by request id); the pool's health pings share the connection meanwhile.
 * A connection that was attached to a session is closed on release instead of pooled, because
 * protocol v1 cannot detach and the next holder would receive that session's events.
 */
public final class Lease implements AutoCloseable {
  private final GatewayConnectionPool pool;
  private final PooledConnection connection;
  private final AtomicBoolean released = new AtomicBoolean();

  Lease(GatewayConnectionPool pool, PooledConnection connection) {
    this.pool = pool;
    this.connection = connection;
  }

  /**
   * Sends a request and waits for its reply's {@code result}.
   *
   * @throws LocalAgentException the server's error, or LA-GATEWAY-018 when the connection died first
   */
  public JsonNode request(MessageSpec<?, ?> spec, Record params) {
    ensureHeld();
    noteAttach(spec);
    return connection.client().request(spec, params);
  }

  /** Sends a request; the future completes with its result or a LocalAgentException. */
  public CompletableFuture<JsonNode> requestAsync(MessageSpec<?, ?> spec, Record params) {
    ensureHeld();
    noteAttach(spec);
    return connection.client().requestAsync(spec, params);
  }

  /** session.open attaches too: such a connection must not be pooled again. */
  private void noteAttach(MessageSpec<?, ?> spec) {
    if (spec == Protocol.SESSION_OPEN || spec == Protocol.SESSION_ATTACH) {
      connection.markAttached();
    }
  }

  /**
   * Attaches a session on this connection: {@code consumer} receives its events (on the socket's
   * thread; it must not block), those after {@code fromSeq} from the log first, then live.
   *
   * @return the attach reply ({@code sessionId}, {@code lastSeq})
   */
  public JsonNode attach(String sessionId, long fromSeq, Consumer<EventFrame> consumer) {
    ensureHeld();
    connection.subscribe(sessionId, consumer); // Before the request: replayed events follow the reply at once.
    return connection.client().request(Protocol.SESSION_ATTACH, new SessionAttach(sessionId, fromSeq));
  }

  /** Completes with the close status when the connection ends (closed by either side, or killed as dead). */
  public CompletableFuture<Integer> closed() {
    return connection.client().closed();
  }

  /** The underlying client, e.g. to drop the connection in a test as a network failure would. */
  public GatewayClient client() {
    return connection.client();
  }

  private void ensureHeld() {
    if (released.get()) {
      throw new LocalAgentException(GatewayErrors.POOL_CLOSED, "this gateway connection lease was released", "");
    }
  }

  /** Returns the connection to the pool (or closes it, see the class comment); idempotent. */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      pool.release(connection);
    }
  }
}
