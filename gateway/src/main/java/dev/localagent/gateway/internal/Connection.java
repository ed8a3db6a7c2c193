package dev.localagent.gateway.internal;

import dev.localagent.core.session.SessionLog;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson;
import dev.localagent.gateway.protocol.WireJson.ErrorFrame;
import dev.localagent.gateway.protocol.WireJson.ReplyFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one authenticated-or-not WebSocket connection: its outbound queue, the sessions it
 * is attached to, and how it is closed. Replies and events share one queue, so a client sees the
 * attach reply before the replayed events.
 */
final class Connection {
  /** Where a channel keeps its connection, for server-wide operations such as shutdown. */
  static final AttributeKey<Connection> KEY = AttributeKey.valueOf("localagent.connection");
  private static final long FORCE_CLOSE_MILLIS = 2_000;

  private final Channel channel;
  private final ServerContext server;
  private final OutboundQueue out;
  private final Map<String, Attachment> attachments = new ConcurrentHashMap<>();
  private final SerialExecutor requests;
  private final String id;
  private final AtomicBoolean slowCheckScheduled = new AtomicBoolean();
  private volatile boolean authenticated;
  private volatile String clientName = "client";

  Connection(Channel channel, ServerContext server) {
    this.channel = channel;
    this.server = server;
    this.out = new OutboundQueue(channel, server.metrics(), this::onDrained);
    this.requests = new SerialExecutor(server.requestExecutor());
    this.id = channel.id().asShortText();
  }

  String id() {
    return id;
  }

  Channel channel() {
    return channel;
  }

  ServerContext server() {
    return server;
  }

  GatewayConfig config() {
    return server.config();
  }

  OutboundQueue out() {
    return out;
  }

  SerialExecutor requests() {
    return requests;
  }

  boolean authenticated() {
    return authenticated;
  }

  void authenticate(String client, boolean batching) {
    clientName = client == null || client.isBlank() ? "client-" + id : client;
    GatewayConfig config = server.config();
    out.configureBatching(batching, config.batchMaxEvents(), config.batchMaxDelayMillis());
    authenticated = true;
  }

  /** Who answers approvals from this connection, as recorded in approval.decision. */
  String clientName() {
    return clientName;
  }

  void reply(String requestId, String replyType, Object result) {
    out.offer(WireJson.encode(new ReplyFrame(replyType, requestId, result)));
  }

  /** Queues a frame already encoded. */
  void send(byte[] json) {
    out.offer(json);
  }

  void error(String requestId, String code, String message) {
    server.metrics().errorsSent.increment();
    out.offer(WireJson.encode(new ErrorFrame(Protocol.ERROR, requestId, code, message)));
  }

  /** Attaches to a session from {@code fromSeq}, replacing an earlier attachment to it. */
  void attach(SessionLog log, long fromSeq) {
    var attachment = new Attachment(server.feeds().acquire(log), out, server.metrics(),
        config().maxQueuedEvents(), this::onPaused);
    Attachment previous = attachments.put(log.sessionId(), attachment);
    if (previous != null) {
      detach(previous);
    }
    attachment.start(fromSeq);
  }

  private void detach(Attachment attachment) {
    attachment.close();
    server.feeds().release(attachment.feed());
  }

  /** The queue drained: let paused attachments read what they missed. */
  private void onDrained() {
    for (Attachment attachment : attachments.values()) {
      attachment.catchUp();
    }
  }

  private void onPaused() {
    if (slowCheckScheduled.compareAndSet(false, true)) {
      long timeout = config().slowClientTimeoutMillis();
      channel.eventLoop().schedule(this::closeIfStillPaused, timeout, TimeUnit.MILLISECONDS);
    }
    // The queue may already be empty; a catch-up must not wait for an event that never comes.
    channel.eventLoop().execute(() -> {
      if (out.queued() == 0 && channel.isWritable()) {
        onDrained();
      }
    });
  }

  private void closeIfStillPaused() {
    slowCheckScheduled.set(false);
    long limit = TimeUnit.MILLISECONDS.toNanos(config().slowClientTimeoutMillis());
    if (attachments.values().stream().anyMatch(a -> a.pausedLongerThan(limit))) {
      server.metrics().slowClientsClosed.increment();
      close(WebSocketCloseStatus.TRY_AGAIN_LATER,
          GatewayErrors.SLOW_CLIENT.id() + " client read too slowly; reattach with your last seq");
    } else if (channel.isActive() && attachments.values().stream().anyMatch(a -> a.pausedLongerThan(0))) {
      // Still paused but it made progress meanwhile: look again one timeout later.
      onPaused();
    }
  }

  /**
   * Sends a close frame with this status and closes the socket, even if the peer is stalled. Runs
   * as a task after the drain already scheduled, so an error frame queued just before goes first.
   */
  void close(WebSocketCloseStatus status, String reason) {
    channel.eventLoop().execute(() -> closeNow(status, reason));
  }

  /**
   * Sends a close frame after every reply and event already queued (graceful shutdown), then
   * closes the socket.
   */
  ChannelFuture closeAfterQueued(WebSocketCloseStatus status, String reason) {
    return out.closeAfterQueued(new CloseWebSocketFrame(status, reason));
  }

  private void closeNow(WebSocketCloseStatus status, String reason) {
    if (!channel.isActive()) {
      return;
    }
    channel.writeAndFlush(new CloseWebSocketFrame(status, reason))
        .addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> channel.close(), FORCE_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The socket is gone: stop every subscription and drop queued frames. */
  void closed() {
    attachments.values().forEach(this::detach);
    attachments.clear();
    out.discard();
  }
}
