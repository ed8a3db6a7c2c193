package dev.localagent.gateway.client;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.Messages.SessionAttach;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Keeps one session attached across disconnects: when the connection drops (network, server
 * restart, 1013 for a slow reader) it reconnects with exponential backoff and attaches from the
 * last seq it delivered, so the consumer sees every event once, in order.
 */
public final class ResumingSession implements AutoCloseable {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** Failures that reconnecting cannot fix. */
  private static final Set<String> FATAL = Set.of(GatewayErrors.BAD_TOKEN.id(),
      GatewayErrors.SESSION_NOT_FOUND.id(), GatewayErrors.UNSUPPORTED_VERSION.id());

  private final URI uri;
  private final String token;
  private final String sessionId;
  private final Consumer<EventFrame> consumer;
  private final CompletableFuture<Void> firstAttach = new CompletableFuture<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final Thread worker;
  private volatile long lastSeq;
  private volatile GatewayClient current;
  private volatile boolean closed;
  private volatile int reconnects;

  /** Starts attaching at once; {@link #awaitAttached()} waits for the first attach. */
  public ResumingSession(URI uri, String token, String sessionId, long fromSeq, Consumer<EventFrame> consumer) {
    this.uri = uri;
    this.token = token;
    this.sessionId = sessionId;
    this.lastSeq = fromSeq;
    this.consumer = consumer;
    this.worker = Thread.ofVirtual().name("resume-" + sessionId).start(this::run);
  }

  /**
   * Waits until the session is attached the first time.
   *
   * @throws LocalAgentException the reason when the first attach failed for good
   */
  public void awaitAttached() {
    try {
      firstAttach.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof LocalAgentException la ? la : e;
    }
  }

  /** The connection in use now, for prompts and approval replies; null while reconnecting. */
  public GatewayClient client() {
    return current;
  }

  public long lastSeq() {
    return lastSeq;
  }

  /** How many times the connection was re-established. */
  public int reconnects() {
    return reconnects;
  }

  /** Completes when the session stopped for good (closed, or a fatal error). */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  private void run() {
    int attempt = 0;
    while (!closed) {
      try {
        GatewayClient client = GatewayClient.connect(uri, token, true, new Listener());
        current = client;
        client.request(Protocol.SESSION_ATTACH, new SessionAttach(sessionId, lastSeq));
        if (!firstAttach.complete(null)) {
          reconnects++;
        }
        attempt = 0;
        client.closed().get();
        current = null;
      } catch (InterruptedException e) {
        break; // close() interrupts the worker.
      } catch (java.util.concurrent.ExecutionException e) {
        current = null;
      } catch (LocalAgentException e) {
        if (FATAL.contains(e.code().id()) || (attempt > 0 && !firstAttach.isDone() && attempt >= 5)) {
          firstAttach.completeExceptionally(e);
          break;
        }
      }
      if (!closed && !pause(backoff(attempt++))) {
        break;
      }
    }
    stopped.complete(null);
  }

  private static Duration backoff(int attempt) {
    long millis = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt, 16));
    // Jitter, so clients dropped together do not all come back in the same millisecond.
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  private static boolean pause(Duration duration) {
    try {
      Thread.sleep(duration); // Backoff between reconnect attempts, not synchronisation.
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Delivers each seq once: a replay after reconnect may overlap what was already delivered. */
  private final class Listener implements GatewayClient.Listener {
    @Override
    public void onEvent(EventFrame event) {
      if (event.sessionId().equals(sessionId) && event.seq() > lastSeq) {
        lastSeq = event.seq();
        consumer.accept(event);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    GatewayClient client = current;
    if (client != null) {
      client.close();
    }
    worker.interrupt();
    stopped.join();
  }
}
