package dev.localagent.bench.websocket;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The load generator: Netty WebSocket connections that count events without decoding JSON (a
 * scan for {@code {"type":"event"}}), take each event's latency from the monotonic send time in
 * its text, and can run a pipelined ping/pong echo loop.
 */
final class LoadClient implements AutoCloseable {
  private static final byte[] EVENT = "{\"type\":\"event\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG = "{\"type\":\"pong\"".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_FRAME = 16 << 20;

  final LongAdder events = new LongAdder();
  final LongAdder pongs = new LongAdder();
  final Recorder latency = new Recorder(3);
  volatile boolean echoing;
  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelType;
  private final URI uri;
  private final boolean deflate;

  LoadClient(URI uri, boolean deflate, int threads) {
    this.uri = uri;
    this.deflate = deflate;
    boolean epoll = Epoll.isAvailable();
    this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** Connects and completes when the WebSocket handshake is done. */
  CompletableFuture<Channel> connect() {
    var ready = new CompletableFuture<Channel>();
    var handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, deflate,
        new DefaultHttpHeaders(), MAX_FRAME);
    new Bootstrap().group(group).channel(channelType).option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192));
            if (deflate) {
              ch.pipeline().addLast(WebSocketClientCompressionHandler.INSTANCE);
            }
            ch.pipeline().addLast(new WebSocketClientProtocolHandler(handshaker, true), new Counter(ready));
          }
        })
        .connect(uri.getHost(), uri.getPort())
        .addListener(f -> {
          if (!f.isSuccess()) {
            ready.completeExceptionally(f.cause());
          }
        });
    return ready;
  }

  static void send(Channel channel, String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  private final class Counter extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final CompletableFuture<Channel> ready;

    Counter(CompletableFuture<Channel> ready) {
      this.ready = ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        ready.complete(ctx.channel());
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      ByteBuf content = frame.content();
      long now = System.nanoTime();
      int end = content.writerIndex();
      int found = 0;
      for (int i = content.readerIndex(); i < end; i++) {
        if (matches(content, i, EVENT)) {
          found++;
          long sent = sendTime(content, i + EVENT.length, end);
          if (sent > 0) {
            latency.recordValue(Math.max(0, now - sent));
          }
        } else if (echoing && matches(content, i, PONG)) {
          pongs.increment();
          ctx.write(new TextWebSocketFrame("{\"type\":\"ping\",\"id\":\"e\"}"));
        }
      }
      events.add(found);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ready.completeExceptionally(cause);
      ctx.close();
    }
  }

  private static boolean matches(ByteBuf buf, int at, byte[] pattern) {
    if (at + pattern.length > buf.writerIndex() || buf.getByte(at) != pattern[0]) {
      return false;
    }
    for (int j = 1; j < pattern.length; j++) {
      if (buf.getByte(at + j) != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  /** The number after {@code "t=} in the event's text, or 0. */
  private static long sendTime(ByteBuf buf, int from, int end) {
    for (int i = from; i < end - 2; i++) {
      if (buf.getByte(i) == '"' && buf.getByte(i + 1) == 't' && buf.getByte(i + 2) == '=') {
        long value = 0;
        for (int j = i + 3; j < end; j++) {
          byte b = buf.getByte(j);
          if (b < '0' || b > '9') {
            return value;
          }
          value = value * 10 + (b - '0');
        }
      }
    }
    return 0;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
