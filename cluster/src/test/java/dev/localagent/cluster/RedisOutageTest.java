package dev.localagent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.gateway.Await;
import dev.localagent.gateway.RecordingListener;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stops while a turn runs on the instance that owns the session, and comes back with its
 * data (append-only file, fsync on every write): the turn's end, which Redis could not take, is
 * recorded once it can, so a client attached to that instance is not left waiting.
 */
class RedisOutageTest {
  @TempDir Path root;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open.reversed()) {
      closeable.close();
    }
  }

  private RedisProcess startRedis(int port) throws Exception {
    String[] persistent = {"--appendonly", "yes", "--appendfsync", "always",
        "--dir", Files.createDirectories(root.resolve("redis")).toString()};
    RedisProcess started = port == 0 ? RedisProcess.start(persistent) : RedisProcess.startOn(port, persistent);
    open.add(started);
    return started;
  }

  // What connectSession sets up; each test has its own instance of this class.
  private RedisProcess redis;
  private FakeModelServer model;
  private ClusterInstance instance;
  private final RecordingListener listener = new RecordingListener();
  private GatewayClient client;
  private String session;

  /** A persistent Redis, one instance with the given lease, and a client on a new session there. */
  private void connectSession(long leaseMillis) throws Exception {
    redis = startRedis(0);
    model = FakeModelServer.start();
    open.add(model);
    model.fallback(body -> Reply.openAiText("you said: " + lastUserText(body.path("messages"))));
    instance = new ClusterInstance(redis.url(), leaseMillis, model,
        Files.createDirectories(root.resolve("work")).toRealPath());
    open.add(instance);
    client = instance.connect(listener);
    open.add(client);
    session = client.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
  }

  @Test
  void aTurnCutOffByARedisOutageEndsWithAnErrorAndTurnDoneOnceRedisIsBackWithNothingLostOrRepeated()
      throws Exception {
    connectSession(60_000);
    client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "one"));
    List<EventFrame> received = new ArrayList<>(listener.untilTurnDone());

    // Turn two stalls inside the model's answer; its first delta reached the client, so Redis
    // holds it. Then Redis stops, and the person cancels: the cancel is answered here (this
    // instance runs the session), but the turn's end cannot be written.
    model.enqueue(Reply.raw("text/event-stream",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half an ans\"}}]}\n\n").thenStall());
    client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "two"));
    EventFrame frame;
    do {
      frame = listener.next();
      received.add(frame);
    } while (!(frame.event() instanceof ModelDelta));
    int port = redis.port();
    redis.close();
    client.request(Protocol.SESSION_CANCEL, new Messages.SessionCancel(session));

    // While Redis is away the turn is still open, and a new prompt says why it cannot run.
    Await.until("a prompt is refused because Redis is unreachable", () -> refusalCode(client, session)
        .equals(ClusterErrors.REDIS_UNAVAILABLE.id()));

    RedisProcess restarted = startRedis(port);
    List<EventFrame> end = listener.untilTurnDone();
    assertThat(end).extracting(EventFrame::event).satisfiesExactly(
        error -> assertThat(error).isInstanceOfSatisfying(ErrorRaised.class, e -> {
          assertThat(e.code()).isEqualTo(ClusterErrors.REDIS_UNAVAILABLE.id());
          assertThat(e.message()).contains("send the prompt again");
        }),
        done -> assertThat(done).isEqualTo(new TurnDone(TurnDone.Reason.ERROR, 1)));
    received.addAll(end);

    // The session works again, and the log in Redis is exactly what the client saw: no event the
    // client saw is missing, none is there twice.
    client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "three"));
    List<EventFrame> three = listener.untilTurnDone();
    assertThat(three.getFirst().event()).isEqualTo(new UserMessage("three"));
    assertThat(((ModelMessage) three.get(three.size() - 2).event()).text()).isEqualTo("you said: three");
    received.addAll(three);
    assertThat(received.stream().mapToLong(EventFrame::seq).toArray())
        .containsExactly(LongStream.rangeClosed(1, received.size()).toArray());
    assertThat(restarted.command("XLEN " + RedisKeys.events(session))).isEqualTo(":" + received.size());
  }

  @Test
  void aTurnWaitingToRecordItsEndWhenItsLeaseIsLostIsEndedOnceByTakingTheSessionBack()
      throws Exception {
    connectSession(900);
    model.enqueue(Reply.raw("text/event-stream",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half an ans\"}}]}\n\n").thenStall());
    client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "one"));
    List<EventFrame> received = new ArrayList<>();
    EventFrame frame;
    do {
      frame = listener.next();
      received.add(frame);
    } while (!(frame.event() instanceof ModelDelta));

    // The lease runs out under the running turn (a long pause); the cancelled turn's end is
    // refused by the fence, so the turn waits to record it, until the heartbeat notices the loss.
    redis.command("DEL " + RedisKeys.lease(session));
    client.request(Protocol.SESSION_CANCEL, new Messages.SessionCancel(session));
    Await.until("the lost lease is noticed", () -> instance.node.leases().token(session) == null);

    // Nobody else took the session: this instance takes it back and ends the turn at once (the
    // client waits for nothing else); the old run must not end it as well, now that the log is
    // writable here again, nor disturb the turns after it.
    List<EventFrame> end = listener.untilTurnDone();
    assertThat(end).extracting(EventFrame::event).satisfiesExactly(
        error -> assertThat(error).isInstanceOfSatisfying(ErrorRaised.class,
            e -> assertThat(e.code()).isEqualTo(ClusterErrors.OWNER_LOST.id())),
        done -> assertThat(done).isEqualTo(new TurnDone(TurnDone.Reason.ERROR, 0)));
    received.addAll(end);
    for (String prompt : List.of("two", "three", "four")) {
      client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, prompt));
      received.addAll(listener.untilTurnDone());
    }
    List<SessionEvent> log = instance.node.store().openLog(session).orElseThrow().readStream(0, 1_000);
    assertThat(log).extracting(e -> e.event().getClass().getSimpleName()).filteredOn(name -> !name.equals("ModelDelta"))
        .as("each turn ended once: the orphaned one by the take-over, no second end from the old run")
        .containsExactly("UserMessage", "ErrorRaised", "TurnDone",
            "UserMessage", "ModelMessage", "TurnDone",
            "UserMessage", "ModelMessage", "TurnDone",
            "UserMessage", "ModelMessage", "TurnDone");
    assertThat(log).extracting(e -> e.event()).filteredOn(ErrorRaised.class::isInstance).singleElement()
        .isInstanceOfSatisfying(ErrorRaised.class, e -> assertThat(e.code()).isEqualTo(ClusterErrors.OWNER_LOST.id()));
    assertThat(received).extracting(EventFrame::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
  }

  private static String refusalCode(GatewayClient client, String session) {
    try {
      client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "not now"));
      return "accepted";
    } catch (LocalAgentException refused) {
      return refused.code().id();
    }
  }

  private static String lastUserText(JsonNode messages) {
    String text = "";
    for (JsonNode message : messages) {
      if (message.path("role").asText().equals("user")) {
        text = message.path("content").asText();
      }
    }
    return text;
  }
}
