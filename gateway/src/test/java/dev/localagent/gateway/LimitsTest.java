package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Frame size, message rate, connection count and keepalive, over real sockets. */
class LimitsTest {
  private static GatewayConfigBuilder config() {
    return GatewayConfig.DEFAULT.toBuilder().port(0);
  }

  @Test
  void aFrameLargerThanTheLimitClosesTheConnectionWith1009() throws Exception {
    try (var gateway = new GatewayFixture(config().maxFrameBytes(16_384).build())) {
      var listener = new RecordingListener();
      var client = gateway.connect(listener);
      client.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
      assertThat(listener.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  void aFloodingConnectionIsRefusedWithACodeAndOthersAreUnaffected() throws Exception {
    try (var gateway = new GatewayFixture(config().maxMessagesPerSecond(5).build())) {
      var flooder = new RecordingListener();
      var polite = new RecordingListener();
      try (var flood = gateway.connect(flooder); var other = gateway.connect(polite)) {
        for (int i = 0; i < 50; i++) {
          flood.sendText("{\"type\":\"ping\"}").join();
        }
        assertThat(flooder.nextError()).startsWith("LA-GATEWAY-007");
        assertThat(other.request(Protocol.PING, new Messages.Ping()).has("serverTimeMillis")).isTrue();
        assertThat(gateway.server.metrics().render()).containsPattern(
            "localagent_gateway_messages_rate_limited_total [1-9]");
      }
    }
  }

  @Test
  void connectionsBeyondTheLimitAreRefusedAndCounted() {
    try (var gateway = new GatewayFixture(config().maxConnections(2).build());
        var first = gateway.connect(new RecordingListener());
        var second = gateway.connect(new RecordingListener())) {
      assertThatThrownBy(() -> gateway.connect(new RecordingListener()))
          .isInstanceOfSatisfying(LocalAgentException.class,
              e -> assertThat(e.code()).isEqualTo(GatewayErrors.CANNOT_CONNECT));
      assertThat(gateway.server.metrics().render())
          .contains("localagent_gateway_connections_refused_total 1");
      assertThat(first.request(Protocol.PING, new Messages.Ping()).has("serverTimeMillis")).isTrue();
    }
  }

  @Test
  void aQuietConnectionIsPingedByTheServer() throws Exception {
    try (var gateway = new GatewayFixture(config().pingIntervalMillis(100).build())) {
      var client = StallingClient.connect(gateway.webSocketUri());
      client.pinged.get(10, TimeUnit.SECONDS);
      client.abort();
    }
  }

  @Test
  void aConnectionThatNeverSaysHelloIsClosed() throws Exception {
    try (var gateway = new GatewayFixture(config().helloTimeoutMillis(200).build())) {
      var client = StallingClient.connect(gateway.webSocketUri());
      assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }
  }
}
