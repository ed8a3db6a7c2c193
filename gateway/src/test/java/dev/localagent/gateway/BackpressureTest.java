package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.core.session.SessionLog;
import dev.localagent.gateway.client.ResumingSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client that stops reading is paused, caught up from the log, or closed with 1013. */
class BackpressureTest {
  private static final int EVENTS = 20_000;
  private static final String KILOBYTE = "x".repeat(1_000);

  private static GatewayConfig tightLimits(long slowClientTimeoutMillis) {
    return GatewayConfig.DEFAULT.toBuilder().port(0).compression(false)
        .maxQueuedEvents(100).writeBufferLowBytes(2_048).writeBufferHighBytes(8_192)
        .slowClientTimeoutMillis(slowClientTimeoutMillis).build();
  }

  private static StallingClient attachAndStall(GatewayFixture gateway, SessionLog log) throws Exception {
    var client = StallingClient.connect(gateway.webSocketUri());
    client.send("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"token\":\"" + GatewayFixture.TOKEN
        + "\",\"capabilities\":{\"batching\":true}}");
    client.send("{\"type\":\"session.attach\",\"id\":\"a\",\"sessionId\":\"" + log.sessionId()
        + "\",\"fromSeq\":0}");
    client.stall();
    return client;
  }

  private static void produce(SessionLog log) {
    for (int i = 1; i <= EVENTS; i++) {
      log.append(new ModelDelta(i + KILOBYTE));
    }
  }

  @Test
  void aStalledClientIsPausedAndCaughtUpFromTheLogWithoutLosingAnEvent() throws Exception {
    try (var gateway = new GatewayFixture(tightLimits(60_000))) {
      SessionLog log = gateway.store.create();
      StallingClient client = attachAndStall(gateway, log);

      produce(log);
      Await.until("the stalled connection is paused", () -> gateway.server.metrics().pausedConnections() == 1);
      client.resume();
      Await.until("every event arrived", () -> client.seqs.size() >= EVENTS);

      List<Long> seqs = client.seqs;
      assertThat(seqs).hasSize(EVENTS);
      for (int i = 0; i < EVENTS; i++) {
        assertThat(seqs.get(i)).isEqualTo(i + 1L);
      }
      assertThat(gateway.server.metrics().catchUpReads()).isPositive();
      assertThat(gateway.server.metrics().pausedConnections()).isZero();
      client.abort();
    }
  }

  @Test
  void aClientThatStaysStalledIsClosedWith1013AndResumesFromItsLastSeq() throws Exception {
    try (var gateway = new GatewayFixture(tightLimits(300))) {
      SessionLog log = gateway.store.create();
      StallingClient stalled = attachAndStall(gateway, log);

      produce(log);
      Await.until("the slow client is closed", () -> gateway.server.metrics().slowClientsClosed() == 1);
      Await.until("the connection is gone", () -> gateway.server.metrics().openConnections() == 0);
      stalled.abort();
      long lastSeen = stalled.seqs.isEmpty() ? 0 : stalled.seqs.getLast();

      // A real client reconnects with its last seq whenever it is dropped, here with ResumingSession.
      var seqs = new java.util.concurrent.LinkedBlockingQueue<Long>();
      try (var resumed = new ResumingSession(gateway.webSocketUri(), GatewayFixture.TOKEN,
          log.sessionId(), lastSeen, event -> seqs.add(event.seq()))) {
        resumed.awaitAttached();
        for (long expected = lastSeen + 1; expected <= EVENTS; expected++) {
          assertThat(seqs.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
        }
      }
    }
  }
}
