package dev.localagent.gateway;

import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.internal.GatewayChannelInitializer;
import dev.localagent.gateway.internal.GatewayMetrics;
import dev.localagent.gateway.internal.ServerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket gateway: one port serving {@code /v1/ws} (protocol v1), health, readiness,
 * metrics and an index page. Native epoll where available, NIO otherwise. {@link #close()} is the
 * graceful shutdown: stop accepting, let running turns finish, close sockets with 1001, flush the
 * store. The server owns the engine and store it is given and closes them last.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  private static final int ACCEPT_BACKLOG = 4_096;
  private static final long CLOSE_FRAMES_WAIT_MILLIS = 2_000;
  private static final long REQUESTS_WAIT_MILLIS = 2_000;

  private final GatewayConfig config;
  private final ServerContext context;
  private final SessionStore store;
  private final AgentEngine engine;
  private final ChannelGroup webSockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final ExecutorService requestExecutor = Executors.newVirtualThreadPerTaskExecutor();
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private Channel serverChannel;
  private boolean closed;

  public GatewayServer(GatewayConfig config, SessionStore store, AgentEngine engine,
      ToolInvoker toolInvoker, ToolRegistry toolRegistry, Path workdir, String token, String version) {
    this.config = config;
    this.store = store;
    this.engine = engine;
    var services = new ServerContext.Services(store, engine, toolInvoker, toolRegistry, workdir);
    this.context = new ServerContext(config, services, token, version, webSockets, requestExecutor);
  }

  /**
   * Binds and starts accepting.
   *
   * @return the bound address (useful with port 0)
   * @throws LocalAgentException LA-GATEWAY-012 when the address cannot be bound
   */
  public synchronized InetSocketAddress start() {
    boolean epoll = Epoll.isAvailable();
    var factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerSocketChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    bossGroup = new MultiThreadIoEventLoopGroup(1, factory);
    // io_threads 0: one loop per core, not Netty's two. An append wakes every loop holding one of the
    // session's connections; loops beyond the cores then queue for one, with the appending thread
    // (docs/CAPACITY.md "Event latency at 100,000 events/s: fewer threads than cores").
    int loops = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
    workerGroup = new MultiThreadIoEventLoopGroup(loops, factory);
    var bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(config.writeBufferLowBytes(), config.writeBufferHighBytes()))
        .childHandler(new GatewayChannelInitializer(context));
    try {
      serverChannel = bootstrap.bind(config.bind(), config.port()).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      shutdownLoops();
      throw new LocalAgentException(GatewayErrors.CANNOT_BIND, "cannot listen on " + config.bind() + ":"
          + config.port() + ": " + e.getMessage(), "pick another port with --port, or stop the other server");
    }
    LOG.info("gateway listening on {} ({})", serverChannel.localAddress(), epoll ? "epoll" : "nio");
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Event-loop threads serving connections (started by {@link #start()}); 0 before it. */
  synchronized int ioThreads() {
    return workerGroup == null ? 0 : ((MultiThreadIoEventLoopGroup) workerGroup).executorCount();
  }

  /** Adds a condition to {@code /readyz} (for example cluster mode's Redis link); set before start. */
  public void readinessCheck(ReadinessCheck check) {
    context.readinessCheck(check);
  }

  public GatewayMetrics metrics() {
    return context.metrics();
  }

  /** Graceful shutdown; safe to call twice (from a signal hook and from the caller). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    context.startDraining();
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly(); // Stop accepting.
    }
    finishTurns();
    finishRequests();
    // Behind each connection's queued replies and events, so the last turn's events arrive.
    context.closeWebSocketsAfterQueued(
        WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server shutting down", CLOSE_FRAMES_WAIT_MILLIS);
    webSockets.close().awaitUninterruptibly(CLOSE_FRAMES_WAIT_MILLIS);
    store.close(); // Flushes every log.
    shutdownLoops();
  }

  private void finishTurns() {
    Thread closer = Thread.ofVirtual().start(engine::close);
    try {
      if (!closer.join(java.time.Duration.ofMillis(config.shutdownTimeoutMillis() + 1_000))) {
        LOG.warn("turns still running after {} ms; closing anyway", config.shutdownTimeoutMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets requests in flight queue their replies, so none is cut off by the close frame. */
  private void finishRequests() {
    requestExecutor.shutdown();
    try {
      if (!requestExecutor.awaitTermination(REQUESTS_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        requestExecutor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requestExecutor.shutdownNow();
    }
  }

  private void shutdownLoops() {
    for (EventLoopGroup group : new EventLoopGroup[] {bossGroup, workerGroup}) {
      if (group != null) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
  }
}
