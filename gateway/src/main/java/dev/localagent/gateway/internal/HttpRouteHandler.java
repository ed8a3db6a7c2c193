package dev.localagent.gateway.internal;

import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The plain HTTP endpoints ({@code /}, {@code /healthz}, {@code /readyz}, {@code /metrics}) and
 * the gatekeeper of {@code /v1/ws}: only GET, only from an allowed Origin, only below the
 * connection limit. Leaves the pipeline once the WebSocket handshake is done.
 */
public final class HttpRouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Set<String> ROUTES = Set.of("/", "/healthz", "/readyz", "/metrics", Protocol.PATH);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ServerContext server;

  public HttpRouteHandler(ServerContext server) {
    super(false); // The WebSocket request is passed on, not released here.
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    if (!ROUTES.contains(path)) {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain", "no such endpoint: " + path + "\n");
    } else if (!HttpMethod.GET.equals(request.method())) {
      respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "only GET is allowed here\n");
    } else if (path.equals(Protocol.PATH)) {
      upgrade(ctx, request);
    } else {
      endpoint(ctx, request, path);
    }
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (!server.originPolicy().allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
      respond(ctx, request, HttpResponseStatus.FORBIDDEN, "text/plain",
          "origin not allowed; add it to gateway.allowed_origins\n");
    } else if (server.webSockets().size() >= server.config().maxConnections()) {
      server.metrics().connectionsRefused.increment();
      respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain",
          GatewayErrors.TOO_MANY_CONNECTIONS.id() + " the server is at its connection limit\n");
    } else if (server.draining()) {
      respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain",
          GatewayErrors.SHUTTING_DOWN.id() + " the server is shutting down\n");
    } else {
      ctx.fireChannelRead(request);
    }
  }

  private void endpoint(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    switch (path) {
      case "/healthz" -> respond(ctx, request, HttpResponseStatus.OK, "text/plain", "ok\n");
      case "/readyz" -> {
        String notReady = server.notReadyReason();
        respond(ctx, request, notReady == null ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
            "text/plain", notReady == null ? "ready\n" : notReady + "\n");
      }
      case "/metrics" -> respond(ctx, request, HttpResponseStatus.OK, PROMETHEUS_TEXT,
          server.metrics().render());
      default -> respond(ctx, request, HttpResponseStatus.OK, "text/html; charset=utf-8", indexPage());
    }
  }

  private String indexPage() {
    return """
        <!doctype html><html><head><title>LocalAgent gateway</title></head><body>
        <h1>LocalAgent gateway</h1><p>version %s, protocol v%d</p><ul>
        <li><code>GET %s</code> WebSocket (see docs/PROTOCOL.md)</li>
        <li><code>GET /healthz</code> liveness</li><li><code>GET /readyz</code> readiness</li>
        <li><code>GET /metrics</code> Prometheus metrics</li></ul></body></html>
        """.formatted(server.version(), Protocol.VERSION, Protocol.PATH);
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String contentType, String body) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    request.release();
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
      response.headers().set(HttpHeaderNames.ALLOW, "GET");
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete) {
      ctx.pipeline().remove(this); // Upgrade-only: nothing HTTP is left on this connection.
    }
    super.userEventTriggered(ctx, event);
  }
}
