package dev.localagent.bench.websocket;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import io.netty.util.AttributeKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The load generator: Netty WebSocket connections that count events without decoding JSON (a
 * scan for {@code {"type":"event"}}), check that each connection's seqs follow one another (so
 * a lost or repeated event shows), take each event's latency from the monotonic send time in its
 * text, and can run a pipelined ping/pong echo loop. It skips UTF-8 validation of incoming
 * frames: both servers are trusted here and the check would cost the load generator, not them.
 */
final class LoadClient implements AutoCloseable {
  private static final ByteBuf PING = Unpooled.unreleasableBuffer(Unpooled.directBuffer()
      .writeBytes("{\"type\":\"ping\",\"id\":\"e\"}".getBytes(StandardCharsets.US_ASCII)));
  private static final int MAX_FRAME = 16 << 20;
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  /** When the socket was connected ({@link System#nanoTime()}, on the event loop), for set-up phases. */
  static final AttributeKey<Long> CONNECTED_AT = AttributeKey.valueOf("bench.connectedAt");
  /** When the WebSocket handshake completed (the 101 read and the pipeline switched), on the event loop. */
  static final AttributeKey<Long> UPGRADED_AT = AttributeKey.valueOf("bench.upgradedAt");

  /** First in every pipeline: stamps {@link #CONNECTED_AT} as the socket connects, before the upgrade request. */
  private static final ChannelHandler MARK_CONNECTED = new MarkConnected();

  final LongAdder events = new LongAdder();
  final LongAdder pongs = new LongAdder();
  /** Events whose seq did not follow the previous one on their connection (lost, repeated, reordered). */
  final LongAdder seqErrors = new LongAdder();
  final Recorder latency = new Recorder(3);
  volatile boolean echoing;
  /** Whether to record each event's latency (read from its text); off for throughput runs. */
  volatile boolean timing;
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
            ch.pipeline().addLast(MARK_CONNECTED, new HttpClientCodec(), new HttpObjectAggregator(8192));
            if (deflate) {
              ch.pipeline().addLast(WebSocketClientCompressionHandler.INSTANCE);
            }
            ch.pipeline().addLast(new WebSocketClientProtocolHandler(handshaker, true, true,
                HANDSHAKE_TIMEOUT_MILLIS, false), new Counter(ready));
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

  /** A ping over shared bytes: the echo loop sends one per pong, so it should cost nothing to build. */
  static TextWebSocketFrame ping() {
    return new TextWebSocketFrame(PING.duplicate());
  }

  static void send(Channel channel, String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  @ChannelHandler.Sharable
  private static final class MarkConnected extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.channel().attr(CONNECTED_AT).set(System.nanoTime());
      ctx.fireChannelActive();
    }
  }

  private final class Counter extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final CompletableFuture<Channel> ready;
    private final FrameScanner scanner = new FrameScanner();
    private byte[] scratch = new byte[16 << 10];

    Counter(CompletableFuture<Channel> ready) {
      this.ready = ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        ctx.channel().attr(UPGRADED_AT).set(System.nanoTime());
        ready.complete(ctx.channel());
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      ByteBuf content = frame.content();
      int length = content.readableBytes();
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, scratch.length * 2)];
      }
      // One bulk copy, then a scan of a plain array: far cheaper than a byte-at-a-time ByteBuf.
      content.getBytes(content.readerIndex(), scratch, 0, length);
      scan(ctx, scratch, length, System.nanoTime());
    }

    /** Counts events and pongs, checks seq continuity and records each event's latency. */
    private void scan(ChannelHandlerContext ctx, byte[] bytes, int end, long now) {
      scanner.scan(bytes, end, now, timing ? latency : null);
      events.add(scanner.events);
      if (scanner.seqErrors > 0) {
        seqErrors.add(scanner.seqErrors);
      }
      if (echoing) {
        for (int i = 0; i < scanner.pongs; i++) {
          pongs.increment();
          ctx.write(ping());
        }
      }
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

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
