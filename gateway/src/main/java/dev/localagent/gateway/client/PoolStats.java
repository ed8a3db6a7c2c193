package dev.localagent.gateway.client;

/**
 * Counts of a {@link GatewayConnectionPool}'s connections.
 *
 * @param idle open and not leased
 * @param leased handed out by {@link GatewayConnectionPool#lease()}
 * @param created connections made since the pool opened
 * @param destroyed connections closed by the pool (dead, idle too long, released after an attach)
 * @param killedByHealthCheck connections whose pong came too late
 * @param retried idempotent requests repeated after their connection was lost
 * @param connectFailures consecutive failed connects now (0 when the last one worked)
 */
public record PoolStats(int idle, int leased, long created, long destroyed, long killedByHealthCheck,
    long retried, int connectFailures) {}
