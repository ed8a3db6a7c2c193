package dev.localagent.gateway.client;

import dev.localagent.gateway.protocol.Messages.Ping;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection owned by a {@link GatewayConnectionPool}: routes session events
 * to whoever attached the session through it, and probes itself with protocol pings. A ping left
 * unanswered past its deadline kills the connection, which fails every request in flight on it
 * with LA-GATEWAY-018 and tells its lease holder through {@link GatewayClient#closed()}.
 */
final class PooledConnection implements GatewayClient.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(PooledConnection.class);

  private final Map<String, Consumer<EventFrame>> subscribers = new ConcurrentHashMap<>();
  private final AtomicReference<CompletableFuture<Boolean>> probe = new AtomicReference<>();
  private final Runnable onKilled;
  private volatile GatewayClient client;
  private volatile boolean attachedOnce;
  private volatile String deathReason;
  /** Closed by the pool (evicted, invalidated, pool closed): a ping it cuts short is no death. */
  private volatile boolean retired;

  private PooledConnection(Runnable onKilled) {
    this.onKilled = onKilled;
  }

  /** Connects and authenticates; {@code onKilled} runs once if a probe later declares it dead. */
  static PooledConnection open(HttpClient http, URI uri, String token, Duration connectTimeout, Runnable onKilled) {
    var connection = new PooledConnection(onKilled);
    connection.client = GatewayClient.connect(http, uri, token, true, connection, connectTimeout);
    return connection;
  }

  GatewayClient client() {
    return client;
  }

  /** Routes this session's events to {@code consumer} from now on; call before session.attach. */
  void subscribe(String sessionId, Consumer<EventFrame> consumer) {
    markAttached();
    subscribers.put(sessionId, consumer);
  }

  void markAttached() {
    attachedOnce = true;
  }

  /**
   * Whether a session was ever attached here. Protocol v1 has no detach, so the server would go
   * on streaming that session to whoever leased the connection next: such a connection is closed
   * on release rather than pooled.
   */
  boolean attachedOnce() {
    return attachedOnce;
  }

  /** Open and not declared dead by a probe. */
  boolean healthy() {
    return deathReason == null && client.isOpen();
  }

  /** Nothing arrived for at least this long. */
  boolean quietFor(Duration duration) {
    return System.nanoTime() - client.lastHeardNanos() >= duration.toNanos();
  }

  /**
   * Pings unless a ping is already out; completes with whether the pong came within {@code
   * deadline}. A missing pong kills the connection.
   */
  CompletableFuture<Boolean> probe(Duration deadline) {
    var mine = new CompletableFuture<Boolean>();
    CompletableFuture<Boolean> running = probe.compareAndExchange(null, mine);
    if (running != null) {
      return running;
    }
    client.requestAsync(Protocol.PING, new Ping())
        .orTimeout(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .whenComplete((pong, failure) -> {
          probe.set(null);
          if (failure != null && !retired) {
            kill("no pong within " + deadline.toMillis() + " ms (" + failure.getClass().getSimpleName() + ")");
          }
          mine.complete(failure == null);
        });
    return mine;
  }

  /** Drops the connection as dead; requests in flight fail with LA-GATEWAY-018. */
  synchronized void kill(String reason) {
    if (deathReason != null) {
      return;
    }
    deathReason = reason;
    LOG.debug("gateway connection declared dead: {}", reason);
    client.abort();
    onKilled.run();
  }

  /** Closes politely when healthy, else drops the socket. */
  void close() {
    retired = true;
    if (healthy()) {
      client.close();
    } else {
      client.abort();
    }
  }

  @Override
  public void onEvent(EventFrame event) {
    Consumer<EventFrame> subscriber = subscribers.get(event.sessionId());
    if (subscriber != null) {
      subscriber.accept(event);
    }
  }

  @Override
  public void onError(String code, String message) {
    LOG.debug("gateway error frame outside any request: {} {}", code, message);
  }
}
