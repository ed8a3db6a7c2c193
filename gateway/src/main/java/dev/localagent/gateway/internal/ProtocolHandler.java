package dev.localagent.gateway.internal;

import dev.localagent.gateway.GatewayErrors;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol v1 frame handler: one per WebSocket. Reads text frames ({@link FrameReader}),
 * enforces the per-connection message rate, hands messages to the dispatcher and feeds the
 * outbound queue when the socket becomes writable again.
 */
public final class ProtocolHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolHandler.class);

  private final ServerContext server;
  private final RequestDispatcher dispatcher;
  private final RateLimiter rateLimiter;
  private Connection connection;

  public ProtocolHandler(ServerContext server) {
    this.server = server;
    this.dispatcher = new RequestDispatcher();
    this.rateLimiter = new RateLimiter(server.config().maxMessagesPerSecond());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete) {
      connection = new Connection(ctx.channel(), server);
      ctx.channel().attr(Connection.KEY).set(connection);
      server.webSockets().add(ctx.channel());
      server.metrics().connectionsOpen.incrementAndGet();
      server.metrics().connectionsAccepted.increment();
      ctx.executor().schedule(this::closeIfAnonymous, server.config().helloTimeoutMillis(),
          TimeUnit.MILLISECONDS);
    }
    super.userEventTriggered(ctx, event);
  }

  private void closeIfAnonymous() {
    if (connection != null && !connection.authenticated()) {
      connection.close(WebSocketCloseStatus.POLICY_VIOLATION,
          GatewayErrors.NOT_AUTHENTICATED.id() + " no hello within the timeout");
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame) || connection == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      server.metrics().messagesIn.increment();
      if (!rateLimiter.tryAcquire(System.nanoTime())) {
        refuseFlood();
      } else if (frame instanceof TextWebSocketFrame text) {
        onText(text);
      } else if (frame instanceof BinaryWebSocketFrame) {
        connection.error(null, GatewayErrors.BINARY_FRAME.id(), "protocol v1 uses JSON text frames only");
      }
    } finally {
      ReferenceCountUtil.release(frame);
    }
  }

  private void onText(TextWebSocketFrame text) {
    dispatcher.dispatch(connection, FrameReader.read(text.content()));
  }

  private void refuseFlood() {
    server.metrics().messagesRateLimited.increment();
    if (rateLimiter.shouldReport()) {
      connection.error(null, GatewayErrors.RATE_LIMITED.id(), "more than "
          + server.config().maxMessagesPerSecond() + " messages per second; messages are being dropped");
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (connection != null) {
      connection.out().writable();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (connection != null) {
      connection.closed();
      server.metrics().connectionsOpen.decrementAndGet();
      connection = null;
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException && connection != null) {
      // A message reassembled from fragments outgrew the limit: same answer as one big frame.
      connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message larger than "
          + server.config().maxFrameBytes() + " bytes");
      return;
    }
    if (cause instanceof CorruptedWebSocketFrameException) {
      // The decoder already sent the close frame (1009 for an oversized frame, 1002 otherwise).
      LOG.debug("protocol violation on {}: {}", ctx.channel().id(), cause.getMessage());
    } else if (cause instanceof IOException) {
      LOG.debug("I/O error on {}: {}", ctx.channel().id(), cause.getMessage());
    } else {
      LOG.warn("unexpected failure on {}", ctx.channel().id(), cause);
    }
    ctx.close();
  }
}
