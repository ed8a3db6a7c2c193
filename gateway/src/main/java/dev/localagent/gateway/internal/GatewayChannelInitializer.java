package dev.localagent.gateway.internal;

import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.protocol.Protocol;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The gateway's pipeline, top to bottom as the protocol stack: HTTP, routes, WebSocket, v1. */
public final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final int MAX_INITIAL_LINE_BYTES = 4_096;
  private static final int MAX_HEADER_BYTES = 8_192;
  private static final int MAX_HTTP_BODY_BYTES = 64 * 1_024;
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  private static final int DEFLATE_LEVEL = 6;
  private static final int DEFLATE_WINDOW_BITS = 15;

  private final ServerContext server;
  private final WebSocketServerProtocolConfig webSocketConfig;

  public GatewayChannelInitializer(ServerContext server) {
    this.server = server;
    GatewayConfig config = server.config();
    this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(Protocol.PATH)
        .checkStartsWith(false)
        .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
        .sendCloseFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE)
        .decoderConfig(WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(config.maxFrameBytes())
            .allowExtensions(config.compression())
            .closeOnProtocolViolation(true)
            .build())
        .build();
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    GatewayConfig config = server.config();
    var pipeline = ch.pipeline();
    pipeline.addLast("idle", new IdleStateHandler(config.idleTimeoutMillis(), 0,
        config.pingIntervalMillis(), TimeUnit.MILLISECONDS));
    pipeline.addLast("httpCodec", new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, 8_192));
    pipeline.addLast("httpAggregator", new HttpObjectAggregator(MAX_HTTP_BODY_BYTES));
    pipeline.addLast("httpRoutes", new HttpRouteHandler(server));
    if (config.compression()) {
      pipeline.addLast("compression", new WebSocketServerExtensionHandler(deflate(config)));
    }
    pipeline.addLast("webSocket", new WebSocketServerProtocolHandler(webSocketConfig));
    pipeline.addLast("messageAggregator", new WebSocketFrameAggregator(config.maxFrameBytes()));
    pipeline.addLast("keepAlive", new KeepAliveHandler());
    pipeline.addLast("protocol", new ProtocolHandler(server));
  }

  /** permessage-deflate that leaves frames below the threshold uncompressed. */
  private static PerMessageDeflateServerExtensionHandshaker deflate(GatewayConfig config) {
    int threshold = config.compressionThresholdBytes();
    WebSocketExtensionFilter small = frame -> frame.content().readableBytes() < threshold;
    var filters = new WebSocketExtensionFilterProvider() {
      @Override
      public WebSocketExtensionFilter encoderFilter() {
        return small;
      }

      @Override
      public WebSocketExtensionFilter decoderFilter() {
        return WebSocketExtensionFilter.NEVER_SKIP;
      }
    };
    return new PerMessageDeflateServerExtensionHandshaker(DEFLATE_LEVEL, false, DEFLATE_WINDOW_BITS,
        false, false, filters, config.maxFrameBytes());
  }
}
