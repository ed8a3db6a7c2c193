package dev.localagent.cluster;

import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.error.LocalAgentException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code serve} instance's membership in a cluster: the Redis connections, a random instance
 * id, the heartbeat that keeps {@code la:member:<id>} alive and renews the session leases this
 * instance holds, and the {@link StreamReader}. {@link #store()} and {@link #engine} are what the
 * gateway is given; the store owns this node and closes it last.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final ClusterConfig config;
  private final String instanceId;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final RedisScripts scripts;
  private final Leases leases;
  private final StreamReader reader;
  private final RedisSessionStore store;
  private final ScheduledExecutorService heartbeat;
  // A virtual thread per answer: never shut down, so an answer arriving during close still runs
  // and no appender is left waiting for it.
  private final Executor writeCallbacks = task -> Thread.ofVirtual().name("cluster-written").start(task);
  private volatile long lastHeartbeatNanos;
  private volatile String lastFailure = "no heartbeat yet";
  private volatile boolean failing; // Only the heartbeat thread writes it.
  private volatile boolean closed;

  private ClusterNode(ClusterConfig config, Clock clock) {
    this.config = config;
    this.instanceId = newInstanceId();
    // Two threads each: the node's traffic is a few small commands per event, not a bulk load.
    this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    RedisURI uri = RedisURI.create(config.redis().url());
    uri.setTimeout(COMMAND_TIMEOUT);
    if (config.redis().password().isPresent()) {
      uri.setCredentialsProvider(new StaticCredentialsProvider(null, config.redis().password().reveal().toCharArray()));
    }
    this.client = RedisClient.create(resources, uri);
    // Reconnect in the background, but fail commands at once while disconnected: without Redis
    // there is no log to write, and readiness and shutdown must not wait out a command timeout.
    client.setOptions(ClientOptions.builder().autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    try {
      this.connection = client.connect();
      this.redis = connection.sync();
      this.scripts = new RedisScripts(redis, connection.async());
      this.reader = new StreamReader(client.connect(), redis, RedisKeys.inbox(instanceId));
    } catch (RedisException e) {
      client.shutdown();
      resources.shutdown();
      throw new LocalAgentException(ClusterErrors.REDIS_UNAVAILABLE,
          "cannot reach Redis at " + config.redisAddress() + ": " + e.getMessage(),
          "start Redis (redis-server --port 6379) or fix cluster.redis.url / --redis; 'localagent doctor' checks it");
    }
    this.leases = new Leases(redis, scripts, instanceId, config.leaseTtlMillis());
    this.store = new RedisSessionStore(this, new RedisLinks(redis, scripts, leases, reader, clock, writeCallbacks));
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("cluster-heartbeat").factory());
  }

  /**
   * Connects to Redis, joins the cluster and starts the heartbeat and the stream reader.
   *
   * @throws LocalAgentException LA-CLUSTER-001 when Redis cannot be reached
   */
  public static ClusterNode start(ClusterConfig config, Clock clock) {
    var node = new ClusterNode(config, clock);
    node.reader.wake(); // Creates the inbox now, so the first beat gives it a TTL.
    node.beat();
    node.reader.start();
    long period = Math.max(50, config.leaseTtlMillis() / 3);
    node.heartbeat.scheduleWithFixedDelay(node::beat, period, period, TimeUnit.MILLISECONDS);
    LOG.info("cluster: instance {} joined through Redis at {}", node.instanceId, config.redisAddress());
    return node;
  }

  public static ClusterNode start(ClusterConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Refreshes membership, the inbox's lifetime and every held lease. */
  private void beat() {
    if (closed) {
      return;
    }
    try {
      long ttl = config.leaseTtlMillis();
      redis.set(RedisKeys.member(instanceId), Long.toString(System.currentTimeMillis()), SetArgs.Builder.px(ttl));
      redis.pexpire(RedisKeys.inbox(instanceId), Math.max(ttl, 60_000));
      leases.renewAll();
      lastHeartbeatNanos = System.nanoTime();
      if (failing) {
        failing = false;
        LOG.info("cluster: Redis at {} is reachable again", config.redisAddress());
      }
    } catch (RedisException e) {
      if (closed) {
        return; // Interrupted by close or halt.
      }
      lastFailure = e.getMessage();
      if (!failing) { // Once per outage, not once per beat.
        failing = true;
        LOG.warn("cluster: heartbeat to Redis at {} failed: {}", config.redisAddress(), e.getMessage());
      }
    }
  }

  public String instanceId() {
    return instanceId;
  }

  public ClusterConfig config() {
    return config;
  }

  /** The Redis-backed session store; closing it closes this node. */
  public RedisSessionStore store() {
    return store;
  }

  /**
   * The engine for the gateway: submissions run here when this instance holds (or can take) the
   * session's lease, and are forwarded to the owner otherwise.
   *
   * @param localEngine makes an engine over {@link #store()} for one session this instance takes
   */
  public ClusterEngine engine(Supplier<AgentEngine> localEngine) {
    var engine = new ClusterEngine(this, store, leases, localEngine);
    leases.onLost(engine::leaseLost);
    reader.inboxHandler(engine::onInbox);
    return engine;
  }

  /**
   * Why this instance is not ready, or null when it is: the last heartbeat reached Redis less
   * than a lease lifetime ago. Reads only fields the heartbeat sets, so it never blocks.
   */
  public String notReadyReason() {
    long age = System.nanoTime() - lastHeartbeatNanos;
    if (lastHeartbeatNanos != 0 && age < TimeUnit.MILLISECONDS.toNanos(config.leaseTtlMillis())) {
      return null;
    }
    return "Redis at " + config.redisAddress() + " unreachable: " + lastFailure;
  }

  /** Whether the instance's heartbeat key exists. */
  boolean alive(String otherInstanceId) {
    return redis.exists(RedisKeys.member(otherInstanceId)) > 0;
  }

  /** The ids of the instances whose heartbeat is alive. */
  public List<String> members() {
    var ids = new ArrayList<String>();
    ScanIterator.scan(redis, ScanArgs.Builder.matches(RedisKeys.MEMBER_PATTERN).limit(200))
        .forEachRemaining(key -> ids.add(key.substring(RedisKeys.member("").length())));
    return ids;
  }

  RedisCommands<String, String> redis() {
    return redis;
  }

  StreamReader reader() {
    return reader;
  }

  Leases leases() {
    return leases;
  }

  /** Leaves the cluster: releases leases, deletes the heartbeat, stops the reader, disconnects. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    heartbeat.shutdownNow();
    try {
      leases.releaseAll();
      redis.del(RedisKeys.member(instanceId));
    } catch (RedisException e) {
      LOG.warn("cluster: leaving cleanly failed ({}); leases expire on their own", e.getMessage());
    }
    reader.close();
    shutdownClient();
  }

  /**
   * Stops as a crash would: no more heartbeats, renewals or reads, nothing released or deleted.
   * The leases and the heartbeat key expire after {@code lease_ttl_millis}; other instances then
   * take the sessions over. For failover tests and the cluster benchmark.
   */
  public void halt() {
    if (closed) {
      return;
    }
    closed = true;
    heartbeat.shutdownNow();
    leases.abandonAll();
    reader.abandon();
    shutdownClient();
  }

  private void shutdownClient() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  static LocalAgentException unavailable(String what, RedisException e) {
    return new LocalAgentException(ClusterErrors.REDIS_UNAVAILABLE,
        "cannot " + what + ": Redis failed: " + e.getMessage(),
        "check that Redis is running and reachable (localagent doctor)", e);
  }

  private static String newInstanceId() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
