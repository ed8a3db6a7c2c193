package dev.localagent.cluster;

import dev.localagent.gateway.RecordingListener;
import dev.localagent.gateway.Await;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.api.event.TurnDone;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.client.ResumingSession;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two instances behind a real haproxy (round-robin, no stickiness); clients only know haproxy. */
class LoadBalancedClusterTest {
  @RegisterExtension static RedisServer redis = new RedisServer();
  @TempDir Path root;

  @Test
  void connectionsSpreadRoundRobinAndAResumingClientSurvivesItsInstanceStopping() throws Exception {
    try (var model = FakeModelServer.start()) {
      model.fallback(body -> Reply.openAiText("answer " + body.path("messages").size(), 3));
      Path work = Files.createDirectories(root.resolve("work")).toRealPath();
      try (var a = new ClusterInstance(redis.url(), 10_000, model, work);
          var b = new ClusterInstance(redis.url(), 10_000, model, work);
          var haproxy = Haproxy.start(root, List.of(a.address, b.address));
          var driver = GatewayClient.connect(haproxy.webSocketUri(), ClusterInstance.TOKEN, false, new RecordingListener());
          var other = GatewayClient.connect(haproxy.webSocketUri(), ClusterInstance.TOKEN, false, new RecordingListener())) {
        Await.until("one connection on each instance",
            () -> a.server.metrics().openConnections() == 1 && b.server.metrics().openConnections() == 1);
        String session = driver.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
        JsonNode listed = other.request(Protocol.SESSIONS_LIST, new Messages.SessionsList()).get("sessions");
        assertThat(listed.findValuesAsText("id")).containsExactly(session);

        var received = new ConcurrentLinkedQueue<EventFrame>();
        try (var follower = new ResumingSession(haproxy.webSocketUri(), ClusterInstance.TOKEN, session, 0, received::add)) {
          follower.awaitAttached();
          // The third connection went to the same instance as the first: that one is stopped below.
          Await.until("the follower's connection is counted",
              () -> a.server.metrics().openConnections() + b.server.metrics().openConnections() == 3);
          ClusterInstance followed = a.server.metrics().openConnections() == 2 ? a : b;
          ClusterInstance survivor = followed == a ? b : a;

          driver.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "before"));
          Await.until("turn one reaches the follower", () -> turnsDone(received) == 1);
          assertThat(followed.engine.localSessions()).containsExactly(session);

          followed.close(); // Graceful stop: leases released, its clients get 1001 and reconnect via haproxy.
          Await.until("the follower reconnected", () -> follower.reconnects() > 0);
          try (var third = GatewayClient.connect(haproxy.webSocketUri(), ClusterInstance.TOKEN, false,
              new RecordingListener())) {
            third.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "after"));
            Await.until("turn two reaches the follower", () -> turnsDone(received) == 2);
          }
          assertThat(survivor.engine.localSessions()).containsExactly(session);
        }
        List<Long> seqs = received.stream().map(EventFrame::seq).toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
      }
    }
  }

  private static long turnsDone(ConcurrentLinkedQueue<EventFrame> received) {
    return received.stream().filter(e -> e.event() instanceof TurnDone).count();
  }
}
