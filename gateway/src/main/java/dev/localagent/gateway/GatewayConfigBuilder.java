package dev.localagent.gateway;

import java.util.List;

/** Changes single settings of a {@link GatewayConfig}; {@link #build()} validates the result. */
public final class GatewayConfigBuilder {
  private String bind;
  private int port;
  private String tokenFile;
  private List<String> allowedOrigins;
  private int maxConnections;
  private int maxFrameBytes;
  private int maxMessagesPerSecond;
  private long idleTimeoutMillis;
  private long pingIntervalMillis;
  private long helloTimeoutMillis;
  private int batchMaxEvents;
  private long batchMaxDelayMillis;
  private boolean compression;
  private int compressionThresholdBytes;
  private int writeBufferLowBytes;
  private int writeBufferHighBytes;
  private int maxQueuedEvents;
  private long slowClientTimeoutMillis;
  private long shutdownTimeoutMillis;
  private int ioThreads;

  GatewayConfigBuilder(GatewayConfig from) {
    bind = from.bind();
    port = from.port();
    tokenFile = from.tokenFile();
    allowedOrigins = from.allowedOrigins();
    maxConnections = from.maxConnections();
    maxFrameBytes = from.maxFrameBytes();
    maxMessagesPerSecond = from.maxMessagesPerSecond();
    idleTimeoutMillis = from.idleTimeoutMillis();
    pingIntervalMillis = from.pingIntervalMillis();
    helloTimeoutMillis = from.helloTimeoutMillis();
    batchMaxEvents = from.batchMaxEvents();
    batchMaxDelayMillis = from.batchMaxDelayMillis();
    compression = from.compression();
    compressionThresholdBytes = from.compressionThresholdBytes();
    writeBufferLowBytes = from.writeBufferLowBytes();
    writeBufferHighBytes = from.writeBufferHighBytes();
    maxQueuedEvents = from.maxQueuedEvents();
    slowClientTimeoutMillis = from.slowClientTimeoutMillis();
    shutdownTimeoutMillis = from.shutdownTimeoutMillis();
    ioThreads = from.ioThreads();
  }

  public GatewayConfigBuilder bind(String value) {
    bind = value;
    return this;
  }

  public GatewayConfigBuilder port(int value) {
    port = value;
    return this;
  }

  public GatewayConfigBuilder tokenFile(String value) {
    tokenFile = value;
    return this;
  }

  public GatewayConfigBuilder allowedOrigins(List<String> value) {
    allowedOrigins = value;
    return this;
  }

  public GatewayConfigBuilder maxConnections(int value) {
    maxConnections = value;
    return this;
  }

  public GatewayConfigBuilder maxFrameBytes(int value) {
    maxFrameBytes = value;
    return this;
  }

  public GatewayConfigBuilder maxMessagesPerSecond(int value) {
    maxMessagesPerSecond = value;
    return this;
  }

  public GatewayConfigBuilder idleTimeoutMillis(long value) {
    idleTimeoutMillis = value;
    return this;
  }

  public GatewayConfigBuilder pingIntervalMillis(long value) {
    pingIntervalMillis = value;
    return this;
  }

  public GatewayConfigBuilder helloTimeoutMillis(long value) {
    helloTimeoutMillis = value;
    return this;
  }

  public GatewayConfigBuilder batchMaxEvents(int value) {
    batchMaxEvents = value;
    return this;
  }

  public GatewayConfigBuilder batchMaxDelayMillis(long value) {
    batchMaxDelayMillis = value;
    return this;
  }

  public GatewayConfigBuilder compression(boolean value) {
    compression = value;
    return this;
  }

  public GatewayConfigBuilder compressionThresholdBytes(int value) {
    compressionThresholdBytes = value;
    return this;
  }

  public GatewayConfigBuilder writeBufferLowBytes(int value) {
    writeBufferLowBytes = value;
    return this;
  }

  public GatewayConfigBuilder writeBufferHighBytes(int value) {
    writeBufferHighBytes = value;
    return this;
  }

  public GatewayConfigBuilder maxQueuedEvents(int value) {
    maxQueuedEvents = value;
    return this;
  }

  public GatewayConfigBuilder slowClientTimeoutMillis(long value) {
    slowClientTimeoutMillis = value;
    return this;
  }

  public GatewayConfigBuilder shutdownTimeoutMillis(long value) {
    shutdownTimeoutMillis = value;
    return this;
  }

  public GatewayConfigBuilder ioThreads(int value) {
    ioThreads = value;
    return this;
  }

  public GatewayConfig build() {
    return new GatewayConfig(
        bind,
        port,
        tokenFile,
        allowedOrigins,
        maxConnections,
        maxFrameBytes,
        maxMessagesPerSecond,
        idleTimeoutMillis,
        pingIntervalMillis,
        helloTimeoutMillis,
        batchMaxEvents,
        batchMaxDelayMillis,
        compression,
        compressionThresholdBytes,
        writeBufferLowBytes,
        writeBufferHighBytes,
        maxQueuedEvents,
        slowClientTimeoutMillis,
        shutdownTimeoutMillis,
        ioThreads);
  }
}
