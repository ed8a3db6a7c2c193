package dev.localagent.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Protocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of authenticated connections to one gateway: hello is done once per connection,
 * and a {@link Lease} reuses it for any number of requests, correlated by request id. Every
 * connection is pinged when quiet and killed when the pong is late; idle connections are checked
 * on lease, evicted when dead or idle too long, and replaced up to the minimum. Connects that fail
 * are retried with exponential backoff and jitter, shared by all callers. Bookkeeping (limits,
 * waiting, eviction) is commons-pool2's; health and reconnect policy are ours.
 */
public final class GatewayConnectionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayConnectionPool.class);
  /** Requests that change nothing, so repeating them after a lost connection is safe. */
  private static final Set<MessageSpec<?, ?>> IDEMPOTENT = Set.of(Protocol.PING, Protocol.SESSIONS_LIST);
  private static final int MAX_RETRIES = 2;

  private final URI uri;
  private final String token;
  private final GatewayClientConfig config;
  private final HttpClient http;
  private final GenericObjectPool<PooledConnection> pool;
  private final ConnectGate gate;
  private final ScheduledExecutorService healthChecker;
  private final Set<PooledConnection> live = ConcurrentHashMap.newKeySet();
  private final LongAdder killedByHealthCheck = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final ConnectionFactory factory;
  private volatile boolean closed;

  /** Opens the pool; connections are made on demand and, for {@code pool_min_idle}, in the background. */
  public GatewayConnectionPool(URI uri, String token, GatewayClientConfig config) {
    this(uri, token, config, RandomGenerator.getDefault());
  }

  GatewayConnectionPool(URI uri, String token, GatewayClientConfig config, RandomGenerator random) {
    this.uri = uri;
    this.token = token;
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.connectTimeoutMillis())).build();
    this.gate = new ConnectGate(config.backoff(), random);
    this.factory = new ConnectionFactory(http, uri, token, config, gate, live, this::onKilled, () -> closed);
    this.pool = new GenericObjectPool<>(factory, poolConfig(config));
    this.healthChecker = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("gateway-pool-health").factory());
    long tick = Math.max(5, config.healthCheckIntervalMillis() / 2);
    healthChecker.scheduleWithFixedDelay(this::checkQuietConnections, 0, tick, TimeUnit.MILLISECONDS);
  }

  private static GenericObjectPoolConfig<PooledConnection> poolConfig(GatewayClientConfig config) {
    var pc = new GenericObjectPoolConfig<PooledConnection>();
    pc.setMaxTotal(config.poolMaxSize());
    pc.setMaxIdle(config.poolMaxSize());
    pc.setMinIdle(config.poolMinIdle());
    pc.setBlockWhenExhausted(true);
    pc.setTestOnBorrow(true);
    pc.setTestWhileIdle(true);
    pc.setLifo(true); // The most recently used connection is the one most likely alive.
    pc.setSoftMinEvictableIdleDuration(Duration.ofMillis(config.idleTimeoutMillis()));
    pc.setMinEvictableIdleDuration(Duration.ofMillis(-1)); // Never below pool_min_idle.
    pc.setNumTestsPerEvictionRun(-1); // Look at every idle connection each run.
    pc.setTimeBetweenEvictionRuns(Duration.ofMillis(-1)); // Our health thread runs evict().
    pc.setJmxEnabled(false);
    return pc;
  }

  public URI uri() {
    return uri;
  }

  public GatewayClientConfig config() {
    return config;
  }

  /**
   * Leases a healthy connection for exclusive use, opening one when none is idle and the pool is
   * below its size; release it with {@link Lease#close()}.
   *
   * @throws LocalAgentException LA-GATEWAY-017 when every connection stayed leased for the acquire
   *     timeout; LA-GATEWAY-016 when no connection could be made in that time (the last cause is
   *     named); the server's code for a refused hello (e.g. LA-GATEWAY-002); LA-GATEWAY-019 after close
   */
  public Lease lease() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.acquireTimeoutMillis());
    boolean connectFailed = false;
    while (true) {
      ensureOpen();
      long remaining = deadline - System.nanoTime();
      try {
        PooledConnection connection = pool.borrowObject(Duration.ofNanos(Math.max(0, remaining)));
        if (checkOnLease(connection)) {
          return new Lease(this, connection);
        }
      } catch (LocalAgentException e) {
        if (fatal(e)) {
          throw e;
        }
        connectFailed = true;
      } catch (NoSuchElementException e) {
        if (deadline - System.nanoTime() <= 0) {
          throw exhausted();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "interrupted while leasing a gateway connection", "");
      } catch (Exception e) {
        throw new LocalAgentException(GatewayErrors.INTERNAL, "gateway pool failed: " + e, "", e);
      }
      awaitGate(deadline, connectFailed);
    }
  }

  /** A connection quiet for a health-check interval is pinged before it is handed out. */
  private boolean checkOnLease(PooledConnection connection) throws Exception {
    Duration interval = Duration.ofMillis(config.healthCheckIntervalMillis());
    if (!connection.quietFor(interval) || connection.probe(healthCheckTimeout()).join()) {
      return true;
    }
    pool.invalidateObject(connection);
    return false;
  }

  /** Waits out the backoff before the next connect, or gives up when it outlasts the deadline. */
  private void awaitGate(long deadline, boolean connectFailed) {
    long wait = gate.nanosUntilOpen();
    if (connectFailed && System.nanoTime() + wait >= deadline) {
      LocalAgentException lastFailure = factory.lastFailure();
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "cannot reach the gateway at " + uri
          + " after " + gate.consecutiveFailures() + " attempts: "
          + (lastFailure == null ? "no connect was allowed in time" : lastFailure.getMessage()),
          "is 'localagent serve' running there? (gateway_client.acquire_timeout_millis is "
              + config.acquireTimeoutMillis() + ")", lastFailure);
    }
    if (wait > 0) {
      LockSupport.parkNanos(wait); // Backoff between connect attempts, not synchronisation.
      if (Thread.currentThread().isInterrupted()) {
        throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "interrupted while reconnecting", "");
      }
    }
  }

  private LocalAgentException exhausted() {
    return new LocalAgentException(GatewayErrors.POOL_EXHAUSTED, "all " + config.poolMaxSize()
        + " gateway connections stayed leased for " + config.acquireTimeoutMillis() + " ms",
        "release leases sooner, or raise gateway_client.pool_max_size / acquire_timeout_millis");
  }

  /** Whether retrying cannot help (anything but a failed or lost connection). */
  static boolean fatal(LocalAgentException e) {
    String code = e.code().id();
    return !code.equals(GatewayErrors.CANNOT_CONNECT.id()) && !code.equals(GatewayErrors.CONNECTION_LOST.id());
  }

  /**
   * Sends one request on a leased connection and waits for its reply. A ping or sessions.list
   * whose connection dies before the reply is repeated on another connection; anything else
   * fails with LA-GATEWAY-018, since the server may already have acted on it.
   */
  public JsonNode request(MessageSpec<?, ?> spec, Record params) {
    for (int attempt = 0; ; attempt++) {
      try (Lease lease = lease()) {
        return lease.request(spec, params);
      } catch (LocalAgentException e) {
        boolean lost = e.code().id().equals(GatewayErrors.CONNECTION_LOST.id());
        if (!lost || !IDEMPOTENT.contains(spec) || attempt >= MAX_RETRIES) {
          throw e;
        }
        retried.increment();
      }
    }
  }

  void release(PooledConnection connection) {
    try {
      if (connection.attachedOnce() || !connection.healthy() || closed) {
        pool.invalidateObject(connection);
      } else {
        pool.returnObject(connection);
      }
    } catch (Exception e) {
      LOG.debug("releasing a gateway connection failed", e);
    }
  }

  Duration healthCheckTimeout() {
    return Duration.ofMillis(config.healthCheckTimeoutMillis());
  }

  /** Periodic: pings quiet connections (leased ones too), then evicts and tops up idle ones. */
  private void checkQuietConnections() {
    try {
      Duration interval = Duration.ofMillis(config.healthCheckIntervalMillis());
      for (PooledConnection connection : live) {
        if (connection.healthy() && connection.quietFor(interval)) {
          connection.probe(healthCheckTimeout());
        }
      }
      maintain();
    } catch (RuntimeException e) {
      LOG.warn("gateway pool health check failed; it runs again next interval", e); // A throw would end the schedule.
    }
  }

  /**
   * Pings every connection now and waits for the answers (each bounded by the health-check
   * timeout), then evicts and replaces; returns how many were found dead. For tests and tools
   * that must not wait for the next periodic check.
   */
  int checkHealthNow() {
    List<CompletableFuture<Boolean>> probes = live.stream().filter(PooledConnection::healthy)
        .map(connection -> connection.probe(healthCheckTimeout())).toList();
    int dead = (int) probes.stream().map(CompletableFuture::join).filter(alive -> !alive).count();
    maintain();
    return dead;
  }

  private void onKilled() {
    killedByHealthCheck.increment();
    try {
      healthChecker.execute(this::maintain); // Replace it now, not a tick later.
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closed meanwhile: nothing to replace.
    }
  }

  private void maintain() {
    if (closed) {
      return;
    }
    try {
      pool.evict();
      if (gate.nanosUntilOpen() == 0) {
        pool.preparePool();
      }
    } catch (Exception e) {
      LOG.debug("could not top up the gateway pool: {}", e.getMessage());
    }
  }

  /** Requests sent on the pool's connections and not yet answered, health pings included. */
  int requestsInFlight() {
    return live.stream().mapToInt(connection -> connection.client().pendingRequests()).sum();
  }

  public PoolStats stats() {
    return new PoolStats(pool.getNumIdle(), pool.getNumActive(), pool.getCreatedCount(),
        pool.getDestroyedCount(), killedByHealthCheck.sum(), retried.sum(), gate.consecutiveFailures());
  }

  /** The backoff waits chosen after the most recent connect failures, oldest first. */
  public List<Duration> recentBackoffDelays() {
    return gate.scheduledDelays();
  }

  private void ensureOpen() {
    if (closed) {
      throw new LocalAgentException(GatewayErrors.POOL_CLOSED, "the gateway connection pool is closed", "");
    }
  }

  /** Closes every connection, idle or leased; later leases fail with LA-GATEWAY-019. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    healthChecker.shutdownNow();
    pool.close();
    live.forEach(PooledConnection::close);
    http.shutdownNow();
  }
}
