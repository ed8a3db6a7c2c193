package dev.localagent.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.SessionLog;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.Messages.SessionOpen;
import dev.localagent.gateway.protocol.Messages.SessionPrompt;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resuming session through the pool, against the real engine and JSONL store, across a server
 * restart and a connection that stops answering: every event arrives once, in order.
 */
class ResumeAcrossFailuresTest {
  private static final GatewayClientConfig FAST = GatewayClientConfig.DEFAULT
      .withHealthCheck(600_000, 500).withBackoff(10, 200, 2.0, 0.5);

  @TempDir Path root;
  private LiveGateway gateway;
  private final BlockingQueue<EventFrame> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    gateway = new LiveGateway(root);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  /** Events up to and including the next turn.done. */
  private List<EventFrame> untilTurnDone() throws InterruptedException {
    var events = new ArrayList<EventFrame>();
    EventFrame event;
    do {
      event = received.poll(15, TimeUnit.SECONDS);
      assertThat(event).as("an event within 15 s after %s", events).isNotNull();
      events.add(event);
    } while (!(event.event() instanceof TurnDone));
    return events;
  }

  private List<EventFrame> take(int count) throws InterruptedException {
    var events = new ArrayList<EventFrame>();
    for (int i = 0; i < count; i++) {
      EventFrame event = received.poll(15, TimeUnit.SECONDS);
      assertThat(event).as("event %d of %d", i + 1, count).isNotNull();
      events.add(event);
    }
    return events;
  }

  @Test
  void anAttachResumesAcrossAServerRestartWithNoGapAndNoDuplicate() throws Exception {
    try (var pool = new GatewayConnectionPool(gateway.webSocketUri(), LiveGateway.TOKEN, FAST)) {
      String id = pool.request(Protocol.SESSION_OPEN, new SessionOpen("restart")).get("sessionId").asText();
      var all = new ArrayList<EventFrame>();
      try (var session = new ResumingSession(pool, id, 0, received::add)) {
        session.awaitAttached();
        session.request(Protocol.SESSION_PROMPT, new SessionPrompt(id, "before the restart"));
        all.addAll(untilTurnDone());

        gateway.stop();
        appendWhileStopped(id, "written while the server was down 1", "written while the server was down 2");
        gateway.start();

        session.request(Protocol.SESSION_PROMPT, new SessionPrompt(id, "after the restart"));
        all.addAll(untilTurnDone());
        assertThat(session.reconnects()).isEqualTo(1);
      }
      List<SessionEvent> log = gateway.store().snapshot(id);
      assertThat(all).extracting(EventFrame::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
      assertThat(all).extracting(EventFrame::event).containsExactlyElementsOf(log.stream().map(SessionEvent::event).toList());
      assertThat(all).extracting(EventFrame::event)
          .contains(new ModelDelta("written while the server was down 1"), new ModelDelta("written while the server was down 2"));
      assertThat(received).isEmpty();
    }
  }

  private void appendWhileStopped(String id, String... texts) {
    try (var store = gateway.openStoreWhileStopped(); SessionLog log = store.open(id).orElseThrow()) {
      for (String text : texts) {
        log.append(new ModelDelta(text));
      }
    }
  }

  @Test
  void anAttachFromTheEndSurvivesAConnectionThatStopsAnswering() throws Exception {
    SessionLog log = gateway.store().create();
    log.append(new ModelDelta("history that must not be shown"));
    var relay = new TcpRelay(gateway.address());
    try (relay;
        var pool = new GatewayConnectionPool(relay.webSocketUri(), LiveGateway.TOKEN, FAST.withHealthCheck(100, 1_000));
        var session = new ResumingSession(pool, log.sessionId(), ResumingSession.FROM_END, received::add)) {
      session.awaitAttached();
      log.append(new ModelDelta("live 1"));
      assertThat(take(1)).extracting(EventFrame::seq).containsExactly(2L);

      relay.blackholeAll(); // The connection stays up but nothing comes through: only the pings notice.
      log.append(new ModelDelta("live 2"));
      log.append(new ModelDelta("live 3"));

      assertThat(take(2)).extracting(EventFrame::seq).containsExactly(3L, 4L);
      assertThat(session.reconnects()).isEqualTo(1);
      assertThat(pool.stats().killedByHealthCheck()).isEqualTo(1);
      log.append(new ModelDelta("live 4"));
      assertThat(take(1)).extracting(EventFrame::seq).containsExactly(5L);
    }
    assertThat(received).isEmpty();
  }

  @Test
  void anUnknownSessionStopsTheAttachAtOnce() throws Exception {
    try (var pool = new GatewayConnectionPool(gateway.webSocketUri(), LiveGateway.TOKEN, FAST);
        var session = new ResumingSession(pool, java.util.UUID.randomUUID().toString(), 0, received::add)) {
      assertThatThrownBy(session::awaitAttached).isInstanceOfSatisfying(LocalAgentException.class,
          e -> assertThat(e.code()).isEqualTo(GatewayErrors.SESSION_NOT_FOUND));
      session.stopped().get(10, TimeUnit.SECONDS);
      assertThat(session.failure().code()).isEqualTo(GatewayErrors.SESSION_NOT_FOUND);
    }
  }
}
