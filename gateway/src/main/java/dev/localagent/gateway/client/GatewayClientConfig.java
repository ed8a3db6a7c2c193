package dev.localagent.gateway.client;

import dev.localagent.core.config.ConfigSection;
import java.time.Duration;

/**
 * Settings of the gateway client (the {@code gateway_client} section of config.yaml): the
 * connection pool that {@code attach} and {@code send} use, its health checks and the reconnect
 * backoff. The constructor rejects values that cannot work.
 *
 * @param poolMaxSize most connections open to one gateway at once, leased or idle
 * @param poolMinIdle idle connections kept open and replaced when they die (0: none kept)
 * @param idleTimeoutMillis an idle connection beyond {@code poolMinIdle} is closed after this
 * @param healthCheckIntervalMillis every connection is pinged when it was quiet this long; also how
 *     often idle connections are checked, evicted and replaced
 * @param healthCheckTimeoutMillis a ping unanswered this long marks its connection dead
 * @param acquireTimeoutMillis how long a lease waits for a free connection or a reconnect
 * @param connectTimeoutMillis TCP connect plus WebSocket upgrade, per attempt
 * @param backoffInitialMillis wait after the first failed connect
 * @param backoffMaxMillis the wait never grows beyond this
 * @param backoffMultiplier the wait grows by this factor per consecutive failure
 * @param backoffJitter fraction of each wait chosen at random (0: none, 0.5: between half and all)
 */
public record GatewayClientConfig(
    int poolMaxSize,
    int poolMinIdle,
    long idleTimeoutMillis,
    long healthCheckIntervalMillis,
    long healthCheckTimeoutMillis,
    long acquireTimeoutMillis,
    long connectTimeoutMillis,
    long backoffInitialMillis,
    long backoffMaxMillis,
    double backoffMultiplier,
    double backoffJitter) {

  // A CLI process streams one session: keep no spare connection unless configured.
  public static final GatewayClientConfig DEFAULT =
      new GatewayClientConfig(4, 0, 60_000, 15_000, 5_000, 10_000, 5_000, 100, 5_000, 2.0, 0.5);

  public static final ConfigSection<GatewayClientConfig> SECTION =
      new ConfigSection<>("gateway_client", GatewayClientConfig.class, DEFAULT);

  public GatewayClientConfig {
    require(poolMaxSize >= 1 && poolMaxSize <= 1_000, "pool_max_size must be 1..1000");
    require(poolMinIdle >= 0 && poolMinIdle <= poolMaxSize, "pool_min_idle must be 0..pool_max_size");
    require(idleTimeoutMillis >= 100, "idle_timeout_millis must be >= 100");
    require(healthCheckIntervalMillis >= 10, "health_check_interval_millis must be >= 10");
    require(healthCheckTimeoutMillis >= 10, "health_check_timeout_millis must be >= 10");
    require(acquireTimeoutMillis >= 0, "acquire_timeout_millis must be >= 0");
    require(connectTimeoutMillis >= 10, "connect_timeout_millis must be >= 10");
    require(backoffInitialMillis >= 1, "backoff_initial_millis must be >= 1");
    require(backoffMaxMillis >= backoffInitialMillis, "backoff_max_millis must be >= backoff_initial_millis");
    require(backoffMultiplier >= 1.0, "backoff_multiplier must be >= 1.0");
    require(backoffJitter >= 0.0 && backoffJitter <= 1.0, "backoff_jitter must be 0.0..1.0");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("gateway_client: " + message);
    }
  }

  /** The reconnect schedule these settings describe. */
  public Backoff backoff() {
    return new Backoff(Duration.ofMillis(backoffInitialMillis), Duration.ofMillis(backoffMaxMillis),
        backoffMultiplier, backoffJitter);
  }

  public GatewayClientConfig withPool(int maxSize, int minIdle) {
    return new GatewayClientConfig(maxSize, minIdle, idleTimeoutMillis, healthCheckIntervalMillis,
        healthCheckTimeoutMillis, acquireTimeoutMillis, connectTimeoutMillis, backoffInitialMillis,
        backoffMaxMillis, backoffMultiplier, backoffJitter);
  }

  public GatewayClientConfig withHealthCheck(long intervalMillis, long timeoutMillis) {
    return new GatewayClientConfig(poolMaxSize, poolMinIdle, idleTimeoutMillis, intervalMillis,
        timeoutMillis, acquireTimeoutMillis, connectTimeoutMillis, backoffInitialMillis,
        backoffMaxMillis, backoffMultiplier, backoffJitter);
  }

  public GatewayClientConfig withTimeouts(long idleMillis, long acquireMillis) {
    return new GatewayClientConfig(poolMaxSize, poolMinIdle, idleMillis, healthCheckIntervalMillis,
        healthCheckTimeoutMillis, acquireMillis, connectTimeoutMillis, backoffInitialMillis,
        backoffMaxMillis, backoffMultiplier, backoffJitter);
  }

  public GatewayClientConfig withBackoff(long initialMillis, long maxMillis, double multiplier, double jitter) {
    return new GatewayClientConfig(poolMaxSize, poolMinIdle, idleTimeoutMillis, healthCheckIntervalMillis,
        healthCheckTimeoutMillis, acquireTimeoutMillis, connectTimeoutMillis, initialMillis, maxMillis,
        multiplier, jitter);
  }
}
