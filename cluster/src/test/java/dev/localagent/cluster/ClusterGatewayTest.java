package dev.localagent.cluster;

import dev.localagent.gateway.RecordingListener;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway instances in one JVM sharing one real Redis, driven by real WebSocket clients. */
class ClusterGatewayTest {
  @RegisterExtension static RedisServer redis = new RedisServer();

  @TempDir Path root;
  private FakeModelServer model;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void startModel() throws Exception {
    model = FakeModelServer.start();
    // Unscripted requests answer with the last user message echoed back, streamed in pieces.
    model.fallback(body -> Reply.openAiText("you said: " + lastUserText(body.path("messages"))));
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open.reversed()) {
      closeable.close();
    }
    model.close();
  }

  private ClusterInstance instance(long leaseTtlMillis) throws Exception {
    var instance = new ClusterInstance(redis.url(), leaseTtlMillis, model,
        Files.createDirectories(root.resolve("work")).toRealPath());
    open.add(instance);
    return instance;
  }

  private GatewayClient client(ClusterInstance instance, RecordingListener listener) {
    GatewayClient client = instance.connect(listener);
    open.add(client);
    return client;
  }

  @Test
  void aClientOnInstanceBFollowsASessionRunningOnInstanceAAndItsPromptRunsOnA() throws Exception {
    ClusterInstance a = instance(10_000);
    ClusterInstance b = instance(10_000);
    var onA = new RecordingListener();
    var onB = new RecordingListener();
    GatewayClient clientA = client(a, onA);
    GatewayClient clientB = client(b, onB);

    String session = clientA.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
    clientA.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "first question"));
    List<EventFrame> firstOnA = onA.untilTurnDone();
    clientB.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(session, 0));
    List<EventFrame> firstOnB = onB.untilTurnDone();
    assertThat(firstOnB).isEqualTo(firstOnA);
    assertThat(a.engine.localSessions()).containsExactly(session);

    clientB.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "second question"));
    List<EventFrame> secondOnB = onB.untilTurnDone();
    List<EventFrame> secondOnA = onA.untilTurnDone();
    assertThat(secondOnB).isEqualTo(secondOnA);
    assertThat(secondOnB.getFirst().event()).isEqualTo(new UserMessage("second question"));
    assertThat(((ModelMessage) secondOnB.get(secondOnB.size() - 2).event()).text()).isEqualTo("you said: second question");
    assertThat(((TurnDone) secondOnB.getLast().event()).reason()).isEqualTo(TurnDone.Reason.COMPLETED);
    // The prompt sent through B ran on A, the lease holder; B never took the session.
    assertThat(a.engine.localSessions()).containsExactly(session);
    assertThat(b.engine.localSessions()).isEmpty();
    assertContiguousFrom(1, concat(firstOnB, secondOnB));

    JsonNode listed = clientB.request(Protocol.SESSIONS_LIST, new Messages.SessionsList()).get("sessions");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asText()).isEqualTo(session);
    assertThat(listed.get(0).get("title").asText()).isEqualTo("first question");
    assertThat(listed.get(0).get("lastSeq").asLong()).isEqualTo(secondOnB.getLast().seq());
  }

  @Test
  void whenTheOwnerDiesAnotherInstanceTakesTheSessionOverAndAResumingClientMissesNothing() throws Exception {
    ClusterInstance a = instance(1_000);
    ClusterInstance b = instance(1_000);
    var onA = new RecordingListener();
    var watcherOnB = new RecordingListener();
    GatewayClient clientA = client(a, onA);
    GatewayClient clientB = client(b, watcherOnB);
    String session = clientA.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
    clientB.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(session, 0));
    clientA.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "one"));
    List<EventFrame> received = new ArrayList<>(onA.untilTurnDone());

    // Turn two stalls inside the model's answer on A; then A dies mid-turn.
    model.enqueue(Reply.raw("text/event-stream",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half an ans\"}}]}\n\n").thenStall());
    clientA.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "two"));
    EventFrame frame;
    do {
      frame = onA.next();
      received.add(frame);
    } while (!(frame.event() instanceof ModelDelta));
    long lastSeenOnA = frame.seq();
    a.crash();

    // The client of A resumes on B from the last seq it saw; B's own client asks for turn three.
    var resumed = new RecordingListener();
    GatewayClient resumedClient = client(b, resumed);
    resumedClient.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(session, lastSeenOnA));
    clientB.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "three"));
    assertThat(b.engine.localSessions()).containsExactly(session);

    List<EventFrame> afterCrash = resumed.untilTurnDone();
    assertThat(afterCrash.get(0).event()).isInstanceOfSatisfying(ErrorRaised.class,
        e -> assertThat(e.code()).isEqualTo(ClusterErrors.OWNER_LOST.id()));
    assertThat(afterCrash.get(1).event()).isEqualTo(new TurnDone(TurnDone.Reason.ERROR, 0));
    afterCrash = concat(afterCrash, resumed.untilTurnDone());
    assertThat(afterCrash.get(2).event()).isEqualTo(new UserMessage("three"));
    assertThat(((ModelMessage) afterCrash.get(afterCrash.size() - 2).event()).text()).isEqualTo("you said: three");
    received.addAll(afterCrash);
    assertContiguousFrom(1, received); // What A's client saw, then the resumed rest: no gap, no duplicate.

    // The watcher on B saw the same log from seq 1 to the end.
    List<EventFrame> watched = concat(concat(watcherOnB.untilTurnDone(), watcherOnB.untilTurnDone()),
        watcherOnB.untilTurnDone());
    assertThat(watched).isEqualTo(received);

    // B rebuilt the conversation from the stream: the model saw turn one's question and answer.
    JsonNode messages = model.chatRequests().getLast().body().path("messages");
    assertThat(messages.toString()).contains("one", "you said: one", "two", "three");
  }

  @Test
  void anApprovalAnsweredThroughInstanceBReachesTheTurnRunningOnA() throws Exception {
    Path work = Files.createDirectories(root.resolve("work")).toRealPath();
    var a = new ClusterInstance(redis.url(), 10_000, model, work, "fs.write");
    open.add(a);
    var b = new ClusterInstance(redis.url(), 10_000, model, work, "fs.write");
    open.add(b);
    model.enqueue(Reply.openAiToolCalls(8, new Reply.Call("call-1", "fs.write",
        "{\"path\":\"from-b.txt\",\"content\":\"approved on B\"}")), Reply.openAiText("wrote it"));
    var onA = new RecordingListener();
    var onB = new RecordingListener();
    GatewayClient clientA = client(a, onA);
    GatewayClient clientB = client(b, onB);
    String session = clientA.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
    clientB.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(session, 0));
    clientA.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "write a file"));

    ApprovalRequested asked = null;
    while (asked == null) {
      if (onB.next().event() instanceof ApprovalRequested request) {
        asked = request;
      }
    }
    clientB.request(Protocol.APPROVAL_REPLY, new Messages.ApprovalReply(session, asked.approvalId(),
        ApprovalDecided.Decision.ALLOW_ONCE));
    List<EventFrame> rest = onB.untilTurnDone();
    assertThat(rest.stream().map(EventFrame::event)).anySatisfy(e -> assertThat(e)
        .isInstanceOfSatisfying(ToolCallFinished.class, done -> assertThat(done.ok()).isTrue()));
    assertThat(((TurnDone) rest.getLast().event()).reason()).isEqualTo(TurnDone.Reason.COMPLETED);
    assertThat(Files.readString(work.resolve("from-b.txt"))).isEqualTo("approved on B");
    assertThat(a.engine.localSessions()).containsExactly(session);
  }

  private static void assertContiguousFrom(long first, List<EventFrame> frames) {
    assertThat(frames.stream().mapToLong(EventFrame::seq).toArray())
        .containsExactly(LongStream.range(first, first + frames.size()).toArray());
  }

  private static List<EventFrame> concat(List<EventFrame> a, List<EventFrame> b) {
    var all = new ArrayList<EventFrame>(a);
    all.addAll(b);
    return all;
  }

  private static String lastUserText(JsonNode messages) {
    String text = "";
    for (JsonNode message : messages) {
      if ("user".equals(message.path("role").asText())) {
        text = message.path("content").asText();
      }
    }
    return text;
  }
}
