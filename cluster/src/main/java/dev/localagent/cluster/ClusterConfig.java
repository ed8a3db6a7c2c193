package dev.localagent.cluster;

import dev.localagent.core.config.ConfigSection;
import dev.localagent.core.config.Secret;
import dev.localagent.core.error.LocalAgentException;
import java.net.URI;

/**
 * The {@code cluster} section. An empty {@code redis.url} (the default) means a single instance
 * with the embedded store; a {@code redis://} or {@code rediss://} URL switches {@code serve} to
 * cluster mode. The URL may hold a password, so {@link #toString()} and {@link #redisAddress()}
 * never show it.
 *
 * @param leaseTtlMillis how long a session lease and an instance heartbeat live without renewal:
 *     the time another instance waits before taking over the sessions of one that died
 * @param forwardTimeoutMillis how long a submission forwarded to the owning instance waits for
 *     its answer
 */
public record ClusterConfig(Redis redis, long leaseTtlMillis, long forwardTimeoutMillis) {
  // Declared before DEFAULT: static fields initialise in order.
  private static final Redis DEFAULT_REDIS = new Redis("");
  public static final ClusterConfig DEFAULT = new ClusterConfig(DEFAULT_REDIS, 10_000, 5_000);
  public static final ConfigSection<ClusterConfig> SECTION =
      new ConfigSection<>("cluster", ClusterConfig.class, DEFAULT);

  /**
   * Where Redis is: {@code redis://host:port[/db]}, and its password as a secret ({@code {env:
   * VAR}}, {@code {file: PATH}}), so that {@code config show} never prints it.
   */
  public record Redis(String url, Secret password) {
    public Redis(String url) {
      this(url, Secret.NONE);
    }

    public Redis {
      password = password == null ? Secret.NONE : password;
      url = url == null ? "" : url.strip();
      if (!url.isEmpty() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
        throw new LocalAgentException(ClusterErrors.BAD_CONFIG,
            "cluster.redis.url must start with redis:// or rediss://",
            "for example cluster.redis.url: redis://127.0.0.1:6379");
      }
    }

    @Override
    public String toString() {
      return "Redis[" + (url.isEmpty() ? "off" : address(url)) + "]";
    }
  }

  public ClusterConfig {
    redis = redis == null ? DEFAULT_REDIS : redis;
    leaseTtlMillis = leaseTtlMillis <= 0 ? 10_000 : leaseTtlMillis;
    forwardTimeoutMillis = forwardTimeoutMillis <= 0 ? 5_000 : forwardTimeoutMillis;
    if (leaseTtlMillis < 300) {
      throw new LocalAgentException(ClusterErrors.BAD_CONFIG,
          "cluster.lease_ttl_millis is " + leaseTtlMillis + "; it must be at least 300",
          "leases are renewed every third of their lifetime; 10000 is the default");
    }
  }

  /** Whether {@code serve} runs in cluster mode. */
  public boolean enabled() {
    return !redis.url().isEmpty();
  }

  /** The same settings with another Redis URL (the {@code --redis} flag). */
  public ClusterConfig withRedisUrl(String url) {
    return new ClusterConfig(new Redis(url, redis.password()), leaseTtlMillis, forwardTimeoutMillis);
  }

  /** {@code host:port} of the configured Redis, without credentials. */
  public String redisAddress() {
    return address(redis.url());
  }

  private static String address(String url) {
    URI uri = URI.create(url);
    return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
  }
}
