package dev.localagent.cluster;

import dev.localagent.gateway.Await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.SessionLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases, fencing and the shared store between two cluster nodes on one real Redis. */
class LeaseFencingTest {
  @RegisterExtension static RedisServer redis = new RedisServer();

  private final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();

  private ClusterNode node(long leaseTtlMillis) {
    var node = ClusterNode.start(new ClusterConfig(new ClusterConfig.Redis(redis.url()), leaseTtlMillis, 1_000));
    nodes.add(node);
    return node;
  }

  @AfterEach
  void closeNodes() {
    nodes.forEach(ClusterNode::close);
  }

  @Test
  void aStaleOwnerCannotAppendOnceItsLeaseWentToAnotherInstance() throws Exception {
    ClusterNode a = node(10_000);
    ClusterNode b = node(10_000);
    String session = a.store().create().sessionId();
    assertThat(a.leases().tryAcquire(session)).isNotNull();
    RedisSessionLog onA = a.store().openLog(session).orElseThrow();
    onA.append(new UserMessage("written by A"));
    Await.until("A's first event is in Redis", () -> onA.lastSeq() == 1);

    // A stalls (a long GC pause, a frozen VM) past its lease; the lease runs out and B takes it.
    redis.command("DEL " + RedisKeys.lease(session));
    assertThat(b.leases().tryAcquire(session)).as("B takes the free lease").isNotNull();
    RedisSessionLog onB = b.store().openLog(session).orElseThrow();
    onB.append(new UserMessage("written by B"));
    Await.until("B's event is in Redis", () -> onB.lastSeq() == 2);

    // A still believes it holds the lease, but Redis checks the token on every write. A delta is
    // queued without waiting; its refused write is reported by the turn's end, which waits and is
    // not written either; A's own subscribers never see the delta.
    assertThat(a.leases().token(session)).isNotNull();
    var seenOnA = new CopyOnWriteArrayList<SessionEvent>();
    onA.subscribe(0, seenOnA::add);
    onA.append(new ModelDelta("stale"));
    assertThatThrownBy(() -> onA.append(new TurnDone(TurnDone.Reason.COMPLETED, 1)))
        .isInstanceOfSatisfying(LocalAgentException.class,
            e -> assertThat(e.code()).isEqualTo(ClusterErrors.NOT_OWNER));
    assertThatThrownBy(() -> onA.append(new TurnDone(TurnDone.Reason.ERROR, 1)))
        .isInstanceOfSatisfying(LocalAgentException.class,
            e -> assertThat(e.code()).isEqualTo(ClusterErrors.NOT_OWNER));
    assertThat(redis.command("XLEN " + RedisKeys.events(session))).isEqualTo(":2");
    assertThat(seenOnA).extracting(SessionEvent::event)
        .as("the refused events never reached a subscriber; the next append re-read B's from Redis")
        .containsExactly(new UserMessage("written by A"), new UserMessage("written by B"));
    assertThat(onB.read(0, 10)).extracting(SessionEvent::event)
        .containsExactly(new UserMessage("written by A"), new UserMessage("written by B"));
  }

  @Test
  void anAppendWithAnOldSeqIsRefusedEvenWithTheLease() throws Exception {
    ClusterNode a = node(10_000);
    String session = a.store().create().sessionId();
    a.leases().tryAcquire(session);
    RedisSessionLog log = a.store().openLog(session).orElseThrow();
    log.append(new UserMessage("one"));
    Await.until("seq 1 is in Redis", () -> log.lastSeq() == 1);
    // Someone wrote seq 2 behind this mirror's back: the next append (seq 2 again) must not land.
    redis.command("HSET " + RedisKeys.meta(session) + " last 2");
    assertThatThrownBy(() -> log.append(new TurnDone(TurnDone.Reason.COMPLETED, 1)))
        .isInstanceOfSatisfying(LocalAgentException.class,
            e -> assertThat(e.code()).isEqualTo(ClusterErrors.NOT_OWNER));
    assertThat(redis.command("XLEN " + RedisKeys.events(session))).isEqualTo(":1");
  }

  @Test
  void aCrashedInstancesLeaseExpiresAndTheRenewalOfALostLeaseIsNoticed() {
    ClusterNode a = node(600);
    ClusterNode b = node(600);
    String session = a.store().create().sessionId();
    assertThat(a.leases().tryAcquire(session)).isNotNull();
    assertThat(b.leases().tryAcquire(session)).as("held and renewed by A").isNull();
    assertThat(b.members()).contains(a.instanceId(), b.instanceId());

    a.halt();
    Await.until("A's lease expires and B takes it", () -> b.leases().tryAcquire(session) != null);
    Await.until("A's heartbeat key expires", () -> !b.members().contains(a.instanceId()));
    assertThat(b.leases().owner(session).instanceId()).isEqualTo(b.instanceId());
  }

  @Test
  void aSubscriberOnAnotherInstanceGetsHistoryThenLiveEventsWithoutGapOrDuplicate() throws Exception {
    ClusterNode writer = node(10_000);
    ClusterNode reader = node(10_000);
    String session = writer.store().create().sessionId();
    writer.leases().tryAcquire(session);
    SessionLog log = writer.store().open(session).orElseThrow();
    for (int i = 1; i <= 50; i++) {
      log.append(new ModelDelta("d" + i));
    }
    SessionLog mirror = reader.store().open(session).orElseThrow();
    var seen = new CopyOnWriteArrayList<Long>();
    try (var subscription = mirror.subscribe(20, event -> seen.add(event.seq()))) {
      // Appends race with the subscription being set up: the stream position makes it exact.
      for (int i = 51; i <= 300; i++) {
        log.append(new ModelDelta("d" + i));
      }
      Await.until("all 280 events after seq 20 arrive", () -> seen.size() >= 280);
    }
    assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(21, 300).boxed().toList());
    assertThat(mirror.read(299, 5)).singleElement().satisfies(e -> assertThat(e.event()).isEqualTo(new ModelDelta("d300")));
  }

  @Test
  void sessionsAreListedByEveryInstanceAndDeletedForAll() {
    ClusterNode a = node(10_000);
    ClusterNode b = node(10_000);
    SessionLog created = a.store().create();
    a.leases().tryAcquire(created.sessionId());
    created.append(new UserMessage("plan the trip\nwith details"));
    Await.until("the prompt is in Redis", () -> created.lastSeq() == 1);
    assertThat(b.store().list()).singleElement().satisfies(info -> {
      assertThat(info.id()).isEqualTo(created.sessionId());
      assertThat(info.title()).isEqualTo("plan the trip");
      assertThat(info.lastSeq()).isEqualTo(1);
    });
    assertThat(b.store().open("no-such-session")).isEmpty();
    assertThat(b.store().delete(created.sessionId())).isTrue();
    assertThat(a.store().list()).isEmpty();
  }
}
