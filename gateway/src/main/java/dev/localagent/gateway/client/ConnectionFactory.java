package dev.localagent.gateway.client;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayErrors;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes, checks and closes the pool's connections for commons-pool2. A connect is refused at
 * once while the {@link ConnectGate} says to back off; a failed one moves the gate on.
 */
final class ConnectionFactory extends BasePooledObjectFactory<PooledConnection> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionFactory.class);

  private final HttpClient http;
  private final URI uri;
  private final String token;
  private final GatewayClientConfig config;
  private final ConnectGate gate;
  private final Set<PooledConnection> live;
  private final Runnable onKilled;
  private final BooleanSupplier poolClosed;
  private volatile LocalAgentException lastFailure;

  ConnectionFactory(HttpClient http, URI uri, String token, GatewayClientConfig config, ConnectGate gate,
      Set<PooledConnection> live, Runnable onKilled, BooleanSupplier poolClosed) {
    this.http = http;
    this.uri = uri;
    this.token = token;
    this.config = config;
    this.gate = gate;
    this.live = live;
    this.onKilled = onKilled;
    this.poolClosed = poolClosed;
  }

  /** The most recent failed connect, for the message when a lease gives up. */
  LocalAgentException lastFailure() {
    return lastFailure;
  }

  @Override
  public PooledConnection create() {
    if (poolClosed.getAsBoolean()) {
      throw new LocalAgentException(GatewayErrors.POOL_CLOSED, "the gateway connection pool is closed", "");
    }
    if (gate.nanosUntilOpen() > 0) {
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "backing off after "
          + gate.consecutiveFailures() + " failed connects", "");
    }
    try {
      var connection = PooledConnection.open(http, uri, token, Duration.ofMillis(config.connectTimeoutMillis()), onKilled);
      gate.succeeded();
      live.add(connection);
      connection.client().closed().whenComplete((status, e) -> live.remove(connection));
      return connection;
    } catch (LocalAgentException e) {
      if (!GatewayConnectionPool.fatal(e)) {
        lastFailure = e;
        Duration wait = gate.failed();
        LOG.debug("connect to {} failed; next attempt in {} ms: {}", uri, wait.toMillis(), e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public PooledObject<PooledConnection> wrap(PooledConnection connection) {
    return new DefaultPooledObject<>(connection);
  }

  @Override
  public boolean validateObject(PooledObject<PooledConnection> pooled) {
    return pooled.getObject().healthy();
  }

  @Override
  public void destroyObject(PooledObject<PooledConnection> pooled) {
    live.remove(pooled.getObject());
    pooled.getObject().close();
  }
}
