package dev.localagent.gateway.internal;

import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.ReadinessCheck;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything the handlers of one server share: settings, the session store and engine, the tool
 * chain, the token, metrics and the set of open connections.
 */
public final class ServerContext {
  private final GatewayConfig config;
  private final SessionStore store;
  private final AgentEngine engine;
  private final ToolInvoker toolInvoker;
  private final ToolRegistry toolRegistry;
  private final Path workdir;
  private final byte[] token;
  private final String version;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final OriginPolicy originPolicy;
  private final SessionFeeds feeds;
  private final ChannelGroup webSockets;
  private final ExecutorService requestExecutor;
  private volatile boolean draining;
  private volatile ReadinessCheck readiness = ReadinessCheck.ALWAYS_READY;

  public ServerContext(
      GatewayConfig config, Services services, String token, String version,
      ChannelGroup webSockets, ExecutorService requestExecutor) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = services.store();
    this.engine = services.engine();
    this.toolInvoker = services.toolInvoker();
    this.toolRegistry = services.toolRegistry();
    this.workdir = services.workdir();
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.version = version;
    this.originPolicy = new OriginPolicy(config.allowedOrigins());
    this.feeds = new SessionFeeds();
    this.webSockets = webSockets;
    this.requestExecutor = requestExecutor;
  }

  /** What the server serves, wired by the caller. */
  public record Services(
      SessionStore store, AgentEngine engine, ToolInvoker toolInvoker, ToolRegistry toolRegistry,
      Path workdir) {
    public Services {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(toolInvoker, "toolInvoker");
      Objects.requireNonNull(toolRegistry, "toolRegistry");
      Objects.requireNonNull(workdir, "workdir");
    }
  }

  /** Constant-time comparison, so response timing reveals nothing about the token. */
  public boolean tokenMatches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  public GatewayConfig config() {
    return config;
  }

  public SessionStore store() {
    return store;
  }

  public AgentEngine engine() {
    return engine;
  }

  public ToolInvoker toolInvoker() {
    return toolInvoker;
  }

  public ToolRegistry toolRegistry() {
    return toolRegistry;
  }

  public Path workdir() {
    return workdir;
  }

  public String version() {
    return version;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public OriginPolicy originPolicy() {
    return originPolicy;
  }

  public SessionFeeds feeds() {
    return feeds;
  }

  public ChannelGroup webSockets() {
    return webSockets;
  }

  public ExecutorService requestExecutor() {
    return requestExecutor;
  }

  /**
   * Sends every WebSocket a close frame behind the replies and events already queued for it, and
   * waits up to {@code millis} for the frames to be written.
   */
  public void closeWebSocketsAfterQueued(WebSocketCloseStatus status, String reason, long millis) {
    var writes = new ArrayList<ChannelFuture>();
    for (Channel channel : webSockets) {
      Connection connection = channel.attr(Connection.KEY).get();
      writes.add(connection != null
          ? connection.closeAfterQueued(status, reason)
          : channel.writeAndFlush(new CloseWebSocketFrame(status, reason)));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (ChannelFuture write : writes) {
      write.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
  }

  /** Whether the server is shutting down: readiness fails and new work is refused. */
  public boolean draining() {
    return draining;
  }

  public void startDraining() {
    draining = true;
  }

  /** Why {@code /readyz} should fail now, or null: shutdown first, then the readiness check. */
  public String notReadyReason() {
    return draining ? "shutting down" : readiness.notReadyReason();
  }

  public void readinessCheck(ReadinessCheck check) {
    this.readiness = java.util.Objects.requireNonNull(check, "check");
  }
}
