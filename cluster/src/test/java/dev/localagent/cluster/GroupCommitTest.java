package dev.localagent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.Event;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.gateway.Await;
import io.lettuce.core.RedisClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis session log's group commit, on a real Redis: events appended while a write is in
 * flight go to Redis together, reach subscribers only once Redis holds them, and a crash with
 * writes in flight leaves a log without gap or duplicate. {@code CLIENT PAUSE WRITE} holds the
 * first write inside Redis, so what queues behind it does not depend on timing.
 */
class GroupCommitTest {
  @RegisterExtension static RedisServer redis = new RedisServer();

  private final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();

  private ClusterNode node() {
    // A long lease: its renewal (also a script) must not run during a test and blur the count.
    var node = ClusterNode.start(new ClusterConfig(new ClusterConfig.Redis(redis.url()), 60_000, 1_000));
    nodes.add(node);
    return node;
  }

  @AfterEach
  void closeNodes() throws Exception {
    redis.command("CLIENT UNPAUSE");
    nodes.forEach(ClusterNode::close);
  }

  @Test
  void eventsAppendedWhileAWriteIsInFlightGoInOneScriptAndAreSeenOnlyOnceRedisHoldsThem() throws Exception {
    ClusterNode a = node();
    String session = a.store().create().sessionId();
    a.leases().tryAcquire(session);
    RedisSessionLog log = a.store().openLog(session).orElseThrow();
    var seen = new CopyOnWriteArrayList<SessionEvent>();
    log.subscribe(0, seen::add);
    log.append(new UserMessage("go"));
    Await.until("the prompt is in Redis", () -> log.lastSeq() == 1);
    long scriptsBefore = appendScriptsRun();

    redis.command("CLIENT PAUSE 60000 WRITE");
    for (int i = 1; i <= 100; i++) {
      assertThat(log.append(new ModelDelta("d" + i)).seq()).as("a delta gets its seq at once").isEqualTo(1 + i);
    }
    assertThat(redis.command("XLEN " + RedisKeys.events(session))).isEqualTo(":1");
    assertThat(log.read(0, 1_000)).as("nothing Redis does not hold yet is readable").hasSize(1);
    assertThat(seen).as("nor delivered").hasSize(1);

    redis.command("CLIENT UNPAUSE");
    SessionEvent done = log.append(new TurnDone(TurnDone.Reason.COMPLETED, 1)); // Waits for Redis.

    assertThat(done.seq()).isEqualTo(102);
    assertThat(redis.command("XLEN " + RedisKeys.events(session))).as("returned: Redis holds it and all before it")
        .isEqualTo(":102");
    assertThat(log.read(0, 1_000)).extracting(SessionEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 102).boxed().toList());
    var all = new ArrayList<>(userMessageThenDeltas(100));
    all.add(new TurnDone(TurnDone.Reason.COMPLETED, 1));
    assertThat(seen).extracting(SessionEvent::event).containsExactlyElementsOf(all);
    // The first delta went alone; the 99 queued behind it (and maybe turn.done) in one more.
    assertThat(appendScriptsRun() - scriptsBefore).isBetween(2L, 3L);
    assertThat(log.readStream(0, 1_000)).extracting(SessionEvent::event).containsExactlyElementsOf(all);
  }

  @Test
  void anInstanceThatCrashesWithWritesInFlightLeavesAPrefixOfItsEventsAndTheNextOwnerGoesOnFromIt()
      throws Exception {
    ClusterNode a = node();
    ClusterNode b = node();
    String session = a.store().create().sessionId();
    a.leases().tryAcquire(session);
    RedisSessionLog onA = a.store().openLog(session).orElseThrow();
    var seenOnA = new CopyOnWriteArrayList<SessionEvent>();
    onA.subscribe(0, seenOnA::add);
    onA.append(new UserMessage("go"));
    Await.until("the prompt is in Redis", () -> onA.lastSeq() == 1);

    redis.command("CLIENT PAUSE 60000 WRITE");
    for (int i = 1; i <= 50; i++) {
      onA.append(new ModelDelta("d" + i));
    }
    a.halt(); // With one script held inside Redis and the rest queued in A.
    redis.command("CLIENT UNPAUSE");

    redis.command("DEL " + RedisKeys.lease(session)); // A's lease would run out; do not wait for it.
    assertThat(b.leases().tryAcquire(session)).isNotNull();
    RedisSessionLog onB = b.store().openLog(session).orElseThrow();
    onB.append(new ErrorRaised(ClusterErrors.OWNER_LOST.id(), "A stopped"));
    onB.append(new TurnDone(TurnDone.Reason.ERROR, 0));

    List<SessionEvent> stream = onB.readStream(0, 1_000);
    assertThat(stream).extracting(SessionEvent::seq)
        .as("no gap, no duplicate").containsExactlyElementsOf(LongStream.rangeClosed(1, stream.size()).boxed().toList());
    List<Event> events = stream.stream().map(SessionEvent::event).toList();
    int deltasKept = events.size() - 3;
    assertThat(events.subList(0, 1 + deltasKept)).as("A's events that made it are a prefix of what A appended")
        .containsExactlyElementsOf(userMessageThenDeltas(50).subList(0, 1 + deltasKept));
    assertThat(events.subList(1 + deltasKept, events.size()))
        .containsExactly(new ErrorRaised(ClusterErrors.OWNER_LOST.id(), "A stopped"), new TurnDone(TurnDone.Reason.ERROR, 0));
    assertThat(stream).as("A's clients saw nothing that was lost").startsWith(seenOnA.toArray(SessionEvent[]::new));
  }

  @Test
  void aClientResumingOnAnInstanceWhoseMirrorIsBehindItsSeqGetsEveryLaterEventOnce() {
    ClusterNode writer = node();
    ClusterNode other = node();
    String session = writer.store().create().sessionId();
    writer.leases().tryAcquire(session);
    RedisSessionLog onWriter = writer.store().openLog(session).orElseThrow();
    onWriter.append(new UserMessage("go"));
    Await.until("the prompt is in Redis", () -> onWriter.lastSeq() == 1);
    RedisSessionLog onOther = other.store().openLog(session).orElseThrow(); // Its mirror stops at seq 1.
    for (int i = 1; i <= 30; i++) {
      onWriter.append(new ModelDelta("d" + i));
    }
    onWriter.append(new TurnDone(TurnDone.Reason.COMPLETED, 1)); // Seq 32; returns once Redis holds 1..32.

    var seen = new CopyOnWriteArrayList<Long>();
    // A client that saw seq 20 on the writer resumes on the other instance, still at seq 1.
    try (var subscription = onOther.subscribe(20, event -> seen.add(event.seq()))) {
      for (int i = 31; i <= 40; i++) {
        onWriter.append(new ModelDelta("d" + i));
      }
      onWriter.append(new TurnDone(TurnDone.Reason.COMPLETED, 1)); // Seq 43.
      Await.until("seq 43 reaches the other instance", () -> seen.contains(43L));
    }
    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(21, 43).boxed().toList());
  }

  @Test
  void eventsAStreamReaderBringsBackWhileTheirWriteIsInFlightDoNotShiftTheNextSeq() {
    ClusterNode a = node();
    String session = a.store().create().sessionId();
    a.leases().tryAcquire(session);
    RedisSessionLog log = a.store().openLog(session).orElseThrow();
    SessionEvent delta;
    synchronized (log) { // The write's answer needs this lock: seq 1 stays in flight in here.
      log.append(new UserMessage("go"));
      Await.until("Redis holds seq 1", () -> log.readStream(0, 10).size() == 1);
      // What the stream reader brings when it followed the session before this instance took the
      // lease (an attach came first) and its blocked XREAD returns this instance's own write.
      log.applyRemote(log.readStream(0, 10));
      delta = log.append(new ModelDelta("d1"));
    }
    SessionEvent done = log.append(new TurnDone(TurnDone.Reason.COMPLETED, 1)); // Waits for Redis.

    assertThat(delta.seq()).isEqualTo(2);
    assertThat(done.seq()).isEqualTo(3);
    assertThat(log.readStream(0, 10)).extracting(SessionEvent::event)
        .containsExactly(new UserMessage("go"), new ModelDelta("d1"), new TurnDone(TurnDone.Reason.COMPLETED, 1));
    assertThat(log.read(0, 10)).extracting(SessionEvent::seq).containsExactly(1L, 2L, 3L);
  }

  private static List<Event> userMessageThenDeltas(int deltas) {
    var events = new ArrayList<Event>();
    events.add(new UserMessage("go"));
    IntStream.rangeClosed(1, deltas).forEach(i -> events.add(new ModelDelta("d" + i)));
    return events;
  }

  /** How many EVALSHA calls Redis ran so far (appends are the only scripts in these tests). */
  private static long appendScriptsRun() {
    var client = RedisClient.create(redis.url());
    try (var connection = client.connect()) {
      Matcher calls = Pattern.compile("cmdstat_evalsha:calls=(\\d+)").matcher(connection.sync().info("commandstats"));
      return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    } finally {
      client.shutdown();
    }
  }
}
