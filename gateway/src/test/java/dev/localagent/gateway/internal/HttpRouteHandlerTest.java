package dev.localagent.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.localagent.gateway.GatewayConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRouteHandlerTest {
  private final ServerContext server = TestServers.context(GatewayConfig.DEFAULT);
  private final EmbeddedChannel channel = new EmbeddedChannel(new HttpRouteHandler(server));

  private FullHttpResponse exchange(HttpMethod method, String uri, String origin) {
    var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    request.headers().set(HttpHeaderNames.HOST, "127.0.0.1:7777");
    if (origin != null) {
      request.headers().set(HttpHeaderNames.ORIGIN, origin);
    }
    channel.writeInbound(request);
    return channel.readOutbound();
  }

  private static String body(FullHttpResponse response) {
    try {
      return response.content().toString(StandardCharsets.UTF_8);
    } finally {
      response.release();
    }
  }

  @Test
  void healthAndReadinessAnswerOkWhileServing() {
    FullHttpResponse health = exchange(HttpMethod.GET, "/healthz", null);
    assertThat(health.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(body(health)).isEqualTo("ok\n");
    FullHttpResponse ready = exchange(HttpMethod.GET, "/readyz", null);
    assertThat(ready.status()).isEqualTo(HttpResponseStatus.OK);
    body(ready);
    assertFalse(channel.finish());
  }

  @Test
  void readinessFailsOnceTheServerIsDraining() {
    server.startDraining();
    FullHttpResponse ready = exchange(HttpMethod.GET, "/readyz", null);
    assertThat(ready.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
    body(ready);
    assertFalse(channel.finish());
  }

  @Test
  void metricsUseThePrometheusTextFormat() {
    FullHttpResponse metrics = exchange(HttpMethod.GET, "/metrics", null);
    assertThat(metrics.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/plain; version=0.0.4");
    assertThat(body(metrics))
        .contains("# TYPE localagent_gateway_connections_open gauge\nlocalagent_gateway_connections_open 0\n")
        .contains("# TYPE localagent_gateway_events_out_total counter");
    assertFalse(channel.finish());
  }

  @Test
  void theIndexPageNamesTheVersionAndEndpoints() {
    assertThat(body(exchange(HttpMethod.GET, "/", null))).contains("version test").contains("/v1/ws")
        .contains("/metrics");
    assertFalse(channel.finish());
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    FullHttpResponse missing = exchange(HttpMethod.GET, "/admin", null);
    assertThat(missing.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    body(missing);
    FullHttpResponse post = exchange(HttpMethod.POST, "/healthz", null);
    assertThat(post.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
    assertThat(post.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET");
    body(post);
    assertFalse(channel.finish());
  }

  @Test
  void aCrossSiteOriginCannotOpenTheWebSocket() {
    FullHttpResponse refused = exchange(HttpMethod.GET, "/v1/ws", "https://evil.example");
    assertThat(refused.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
    body(refused);
    FullHttpResponse rebinding = exchange(HttpMethod.GET, "/v1/ws", "http://evil.example:7777");
    assertThat(rebinding.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
    body(rebinding);
    assertFalse(channel.finish());
  }

  @Test
  void theServersOwnOriginAndOriginlessClientsPassToTheWebSocketHandshake() {
    assertThat(exchange(HttpMethod.GET, "/v1/ws", "http://127.0.0.1:7777")).isNull();
    FullHttpRequest sameOrigin = channel.readInbound();
    assertThat(sameOrigin.uri()).isEqualTo("/v1/ws");
    sameOrigin.release();
    assertThat(exchange(HttpMethod.GET, "/v1/ws", null)).isNull();
    FullHttpRequest noOrigin = channel.readInbound();
    noOrigin.release();
    assertFalse(channel.finish());
  }
}
