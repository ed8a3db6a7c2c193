package dev.localagent.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Messages.SessionAttach;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Keeps one session attached across disconnects: when its connection drops (network, server
 * restart, 1013 for a slow reader, or a pong that came too late) it leases a new one from the
 * pool, which reconnects with exponential backoff, and attaches from the last seq it delivered,
 * so the consumer sees every event once, in order.
 */
public final class ResumingSession implements AutoCloseable {
  /** Pass as {@code fromSeq} to skip the history: only events after the attach are delivered. */
  public static final long FROM_END = Long.MAX_VALUE;

  /** Failures that reconnecting cannot fix. */
  private static final Set<String> FATAL = Set.of(GatewayErrors.BAD_TOKEN.id(),
      GatewayErrors.SESSION_NOT_FOUND.id(), GatewayErrors.UNSUPPORTED_VERSION.id(),
      GatewayErrors.POOL_CLOSED.id());

  private final GatewayConnectionPool pool;
  private final boolean ownsPool;
  private final String sessionId;
  private final Consumer<EventFrame> consumer;
  private final CompletableFuture<Void> firstAttach = new CompletableFuture<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final AtomicReference<CompletableFuture<Lease>> attached = new AtomicReference<>(new CompletableFuture<>());
  private final Object delivery = new Object();
  private final Thread worker;
  private long lastSeq; // Guarded by delivery.
  private Lease streaming; // Guarded by delivery: events from any other lease are stale.
  private final List<EventFrame> early = new ArrayList<>(); // Guarded by delivery.
  private boolean resyncing; // Guarded by delivery.
  private volatile boolean closed;
  private volatile int reconnects;
  private volatile LocalAgentException failure;

  /** Starts attaching at once through a pool of its own, closed with it. */
  public ResumingSession(URI uri, String token, String sessionId, long fromSeq, Consumer<EventFrame> consumer) {
    this(new GatewayConnectionPool(uri, token, GatewayClientConfig.DEFAULT), true, sessionId, fromSeq, consumer);
  }

  /** Starts attaching at once; {@link #awaitAttached()} waits for the first attach. The pool stays the caller's. */
  public ResumingSession(GatewayConnectionPool pool, String sessionId, long fromSeq, Consumer<EventFrame> consumer) {
    this(pool, false, sessionId, fromSeq, consumer);
  }

  private ResumingSession(GatewayConnectionPool pool, boolean ownsPool, String sessionId, long fromSeq,
      Consumer<EventFrame> consumer) {
    this.pool = pool;
    this.ownsPool = ownsPool;
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
    } catch (CompletionException e) {
      throw e.getCause() instanceof LocalAgentException la ? la : e;
    }
  }

  /**
   * Sends a request on the connection the session is attached through (waiting up to the pool's
   * acquire timeout while it reconnects), so it needs no second connection from the pool.
   *
   * @throws LocalAgentException the server's error; LA-GATEWAY-018 when the connection died before
   *     the reply; LA-GATEWAY-016 when no connection came back in time
   */
  public JsonNode request(MessageSpec<?, ?> spec, Record params) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pool.config().acquireTimeoutMillis());
    while (true) {
      try {
        long remaining = Math.max(0, deadline - System.nanoTime());
        return attached.get().get(remaining, TimeUnit.NANOSECONDS).request(spec, params);
      } catch (CancellationException e) {
        // That connection ended before it was attached; wait for the next one.
      } catch (TimeoutException | ExecutionException e) {
        throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "not attached to " + sessionId
            + " (reconnecting); " + spec.type() + " was not sent", "try again once the stream resumes", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "interrupted before " + spec.type(), "");
      }
    }
  }

  /** The connection in use now; null while reconnecting. */
  public GatewayClient client() {
    CompletableFuture<Lease> now = attached.get();
    return now.isDone() && !now.isCompletedExceptionally() ? now.join().client() : null;
  }

  public long lastSeq() {
    synchronized (delivery) {
      return lastSeq;
    }
  }

  /** How many times the session was re-attached on a new connection. */
  public int reconnects() {
    return reconnects;
  }

  /** Completes when the session stopped for good (closed, or a fatal error: see {@link #failure()}). */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Why the session stopped by itself; null when it was closed or still runs. */
  public LocalAgentException failure() {
    return failure;
  }

  private void run() {
    int failures = 0;
    while (!closed) {
      Lease lease = null;
      try {
        lease = pool.lease();
        if (firstAttach.isDone()) {
          reconnects++; // Counted before the attach, whose replay may be consumed at once.
        }
        attach(lease);
        failures = 0;
        lease.closed().get(); // Until the connection ends, by either side or the health check.
      } catch (InterruptedException e) {
        break; // close() interrupts the worker.
      } catch (ExecutionException e) {
        // The connection ended abnormally: reattach.
      } catch (LocalAgentException e) {
        if (stopsForGood(e)) {
          failure = e;
          firstAttach.completeExceptionally(e);
          break;
        }
      } finally {
        detach(lease);
      }
      if (!closed && failures > 0 && !pause(pool.config().backoff().delay(failures - 1, RandomGenerator.getDefault()))) {
        break;
      }
      failures++;
    }
    firstAttach.completeExceptionally(new LocalAgentException(GatewayErrors.CANNOT_CONNECT,
        "stopped before " + sessionId + " was attached", "")); // No-op when it was attached.
    stopped.complete(null);
  }

  private boolean stopsForGood(LocalAgentException e) {
    // Before the first attach a gateway that stays unreachable is reported, not retried forever;
    // a connection lost while attaching is retried.
    boolean unreachable = !e.code().equals(GatewayErrors.CONNECTION_LOST);
    return FATAL.contains(e.code().id()) || (!firstAttach.isDone() && !closed && unreachable);
  }

  private void attach(Lease lease) {
    long from;
    synchronized (delivery) {
      streaming = lease;
      from = lastSeq;
    }
    JsonNode reply = lease.attach(sessionId, from, event -> deliver(lease, event));
    synchronized (delivery) {
      if (lastSeq == FROM_END) {
        lastSeq = reply.path("lastSeq").asLong();
        List<EventFrame> arrived = List.copyOf(early);
        early.clear();
        arrived.forEach(event -> accept(lease, event));
      }
    }
    attached.get().complete(lease);
    firstAttach.complete(null);
  }

  private void detach(Lease lease) {
    if (lease == null) {
      return;
    }
    attached.getAndSet(new CompletableFuture<>()).cancel(false);
    synchronized (delivery) {
      if (streaming == lease) {
        streaming = null;
        early.clear();
      }
    }
    lease.close();
  }

  /** Runs on the socket's thread. */
  private void deliver(Lease from, EventFrame event) {
    synchronized (delivery) {
      if (from != streaming) {
        return; // A straggler from a connection already given up.
      }
      if (lastSeq == FROM_END) {
        early.add(event); // Joined at the end, but where the end was is known only from the reply.
        return;
      }
      accept(from, event);
    }
  }

  /**
   * Delivers seqs strictly in order, each once (seqs have no gaps). A replay may overlap what
   * was delivered: dropped. A jump means events were skipped, e.g. an attach at the end raced an
   * append, or a replaced attachment's last live event overtook the replay: the session is
   * attached again from the last seq delivered, on the same connection, and the replay fills in.
   */
  private void accept(Lease from, EventFrame event) { // Holds delivery.
    if (event.seq() <= lastSeq) {
      return;
    }
    if (event.seq() > lastSeq + 1) {
      if (!resyncing) {
        resyncing = true;
        from.requestAsync(Protocol.SESSION_ATTACH, new SessionAttach(sessionId, lastSeq))
            .whenComplete((reply, failure) -> {
              synchronized (delivery) {
                resyncing = false;
              }
            });
      }
      return;
    }
    lastSeq = event.seq();
    consumer.accept(event);
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

  /** Stops streaming and releases the connection; a pool passed in stays open. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    stopped.join();
    if (ownsPool) {
      pool.close();
    }
  }
}
