package dev.localagent.gateway;

import dev.localagent.core.config.ConfigSection;
import java.util.List;

/**
 * Settings of the WebSocket gateway: the {@code gateway} section of config.yaml. Every limit has
 * a default that is safe on a laptop; the constructor rejects values that cannot work.
 *
 * @param bind address to listen on; loopback by default so nothing is exposed by accident
 * @param port TCP port; 0 picks a free one
 * @param tokenFile where the access token lives; empty means {@code <config dir>/gateway.token}
 * @param allowedOrigins browser origins allowed to open a WebSocket besides the server's own
 * @param maxConnections open connections beyond which new ones are refused
 * @param maxFrameBytes largest inbound frame; larger ones close the connection with 1009
 * @param maxMessagesPerSecond inbound messages per connection per second before refusal
 * @param idleTimeoutMillis a connection that sends nothing (not even a pong) this long is closed
 * @param pingIntervalMillis the server pings a quiet connection this often
 * @param helloTimeoutMillis a connection must authenticate within this time
 * @param batchMaxEvents most events coalesced into one frame
 * @param batchMaxDelayMillis longest a written batch waits for a flush under sustained load
 * @param compression whether permessage-deflate is offered
 * @param compressionThresholdBytes frames smaller than this are sent uncompressed
 * @param writeBufferLowBytes outbound bytes below which a paused connection resumes
 * @param writeBufferHighBytes outbound bytes above which a connection stops being written
 * @param maxQueuedEvents events queued per connection before it is paused and later caught up
 * @param slowClientTimeoutMillis a connection paused this long is closed with 1013
 * @param shutdownTimeoutMillis how long shutdown waits for running turns
 * @param ioThreads event-loop threads serving connections; 0 means one per core
 */
public record GatewayConfig(
    String bind,
    int port,
    String tokenFile,
    List<String> allowedOrigins,
    int maxConnections,
    int maxFrameBytes,
    int maxMessagesPerSecond,
    long idleTimeoutMillis,
    long pingIntervalMillis,
    long helloTimeoutMillis,
    int batchMaxEvents,
    long batchMaxDelayMillis,
    boolean compression,
    int compressionThresholdBytes,
    int writeBufferLowBytes,
    int writeBufferHighBytes,
    int maxQueuedEvents,
    long slowClientTimeoutMillis,
    long shutdownTimeoutMillis,
    int ioThreads) {

  /** The documented default port. */
  public static final int DEFAULT_PORT = 7777;

  public static final GatewayConfig DEFAULT =
      new GatewayConfig(
          "127.0.0.1", DEFAULT_PORT, "", List.of(), 10_000, 1 << 20, 1_000, 120_000, 30_000,
          10_000, 50, 100, true, 1_024, 64 << 10, 256 << 10, 4_096, 30_000, 10_000, 0);

  public static final ConfigSection<GatewayConfig> SECTION =
      new ConfigSection<>("gateway", GatewayConfig.class, DEFAULT);

  public GatewayConfig {
    bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind.strip();
    tokenFile = tokenFile == null ? "" : tokenFile.strip();
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    require(port >= 0 && port <= 65_535, "port must be 0..65535, was " + port);
    require(maxConnections >= 1, "max_connections must be >= 1");
    require(maxFrameBytes >= 1_024, "max_frame_bytes must be >= 1024");
    require(maxMessagesPerSecond >= 1, "max_messages_per_second must be >= 1");
    require(idleTimeoutMillis >= 1_000, "idle_timeout_millis must be >= 1000");
    require(pingIntervalMillis >= 100, "ping_interval_millis must be >= 100");
    require(helloTimeoutMillis >= 100, "hello_timeout_millis must be >= 100");
    require(batchMaxEvents >= 1 && batchMaxEvents <= 10_000, "batch_max_events must be 1..10000");
    require(batchMaxDelayMillis >= 0, "batch_max_delay_millis must be >= 0");
    require(compressionThresholdBytes >= 0, "compression_threshold_bytes must be >= 0");
    require(writeBufferLowBytes >= 1_024, "write_buffer_low_bytes must be >= 1024");
    require(
        writeBufferHighBytes > writeBufferLowBytes,
        "write_buffer_high_bytes must be greater than write_buffer_low_bytes");
    require(maxQueuedEvents >= batchMaxEvents, "max_queued_events must be >= batch_max_events");
    require(slowClientTimeoutMillis >= 100, "slow_client_timeout_millis must be >= 100");
    require(shutdownTimeoutMillis >= 0, "shutdown_timeout_millis must be >= 0");
    require(ioThreads >= 0 && ioThreads <= 1_024, "io_threads must be 0..1024 (0: one per core)");
  }


  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("gateway: " + message);
    }
  }

  /** A builder starting from these values, for flags that override single settings. */
  public GatewayConfigBuilder toBuilder() {
    return new GatewayConfigBuilder(this);
  }
}
