package dev.localagent.gateway.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Acts on the idle events of the {@code IdleStateHandler} before it: a quiet WebSocket gets a
 * ping (every client library answers with a pong, which counts as traffic); a connection that
 * stayed silent past the idle timeout is closed with 1001. Before the handshake, idleness just
 * closes the socket.
 */
public final class KeepAliveHandler extends ChannelInboundHandlerAdapter {
  private boolean webSocket;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete) {
      webSocket = true;
    } else if (event instanceof IdleStateEvent idle) {
      onIdle(ctx, idle.state());
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  private void onIdle(ChannelHandlerContext ctx, IdleState state) {
    if (!webSocket) {
      ctx.close();
    } else if (state == IdleState.READER_IDLE) {
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "idle timeout"))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (state == IdleState.ALL_IDLE) {
      ctx.writeAndFlush(new PingWebSocketFrame());
    }
  }
}
