package dev.localagent.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.GatewayServer;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.agent.AgentEngine;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResumingSessionTest {
  private final InMemorySessionStore store = new InMemorySessionStore();
  private final GatewayServer server = new GatewayServer(GatewayConfig.DEFAULT.toBuilder().port(0).build(),
      store, new AgentEngine() {
        @Override
        public Outcome submit(String sessionId, dev.localagent.core.agent.Submission submission) {
          return Outcome.refused("LA-GATEWAY-005", "not used");
        }

        @Override
        public void close() {}
      }, invocation -> ToolResult.error("LA-TOOL-002", "none"), new ToolRegistry(), Path.of("."), "tok", "t");
  private final URI uri = URI.create("ws://127.0.0.1:" + server.start().getPort() + "/v1/ws");
  private final GatewayConnectionPool pool = new GatewayConnectionPool(uri, "tok", GatewayClientConfig.DEFAULT);

  @AfterEach
  void stop() {
    pool.close();
    server.close();
  }

  @Test
  void aDroppedConnectionIsReestablishedAndResumesAfterTheLastDeliveredSeq() throws Exception {
    SessionLog log = store.create();
    log.append(new ModelDelta("a"));
    var seqs = new LinkedBlockingQueue<Long>();
    try (var session = new ResumingSession(pool, log.sessionId(), 0, e -> seqs.add(e.seq()))) {
      session.awaitAttached();
      assertThat(seqs.poll(10, TimeUnit.SECONDS)).isEqualTo(1L);
      session.client().abort(); // As if the network dropped.
      log.append(new ModelDelta("b"));
      log.append(new ModelDelta("c"));
      assertThat(seqs.poll(10, TimeUnit.SECONDS)).isEqualTo(2L);
      assertThat(seqs.poll(10, TimeUnit.SECONDS)).isEqualTo(3L);
      assertThat(session.reconnects()).isEqualTo(1);
      assertThat(session.lastSeq()).isEqualTo(3);
    }
    assertThat(seqs).isEmpty();
  }

  @Test
  void aWrongTokenIsNotRetried() {
    SessionLog log = store.create();
    try (var wrong = new GatewayConnectionPool(uri, "wrong", GatewayClientConfig.DEFAULT);
        var session = new ResumingSession(wrong, log.sessionId(), 0, e -> {})) {
      assertThatThrownBy(session::awaitAttached).isInstanceOfSatisfying(LocalAgentException.class,
          e -> assertThat(e.code()).isEqualTo(GatewayErrors.BAD_TOKEN));
    }
  }
}
