package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.core.session.SessionLog;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attach with fromSeq: history from the log, then live, with no gap and no duplicate. */
class AttachReplayTest {
  private static final int EVENTS = 8_000;

  private final GatewayFixture gateway = new GatewayFixture();

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void clientsAttachingWhileEventsAreAppendedSeeEverySeqOnceInOrder() throws Exception {
    assertThat(gateway.server.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors()); // io_threads 0.
    attachWhileAppendingAndCheckEverySeq(gateway);
  }

  @Test
  void everySeqOnceInOrderWhenAllConnectionsShareOneEventLoop() throws Exception {
    try (var oneLoop = new GatewayFixture(GatewayConfig.DEFAULT.toBuilder().port(0).ioThreads(1).build())) {
      assertThat(oneLoop.server.ioThreads()).isEqualTo(1);
      attachWhileAppendingAndCheckEverySeq(oneLoop);
    }
  }

  @Test
  void everySeqOnceInOrderWithMoreEventLoopsThanConnections() throws Exception {
    try (var manyLoops = new GatewayFixture(GatewayConfig.DEFAULT.toBuilder().port(0).ioThreads(8).build())) {
      assertThat(manyLoops.server.ioThreads()).isEqualTo(8);
      attachWhileAppendingAndCheckEverySeq(manyLoops);
    }
  }

  @Test
  void ioThreadsOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> GatewayConfig.DEFAULT.toBuilder().ioThreads(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io_threads");
    assertThatThrownBy(() -> GatewayConfig.DEFAULT.toBuilder().ioThreads(1_025).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io_threads");
  }

  private static void attachWhileAppendingAndCheckEverySeq(GatewayFixture gateway) throws Exception {
    SessionLog log = gateway.store.create();
    var producerStarted = new CountDownLatch(1);
    Thread producer = Thread.ofPlatform().start(() -> {
      for (int i = 1; i <= EVENTS; i++) {
        log.append(new ModelDelta("d" + i));
        if (i == 1_000) {
          producerStarted.countDown();
        }
      }
    });
    assertThat(producerStarted.await(10, TimeUnit.SECONDS)).isTrue();

    // Attach at different points, batched and not, while the producer is still appending.
    var readers = new ArrayList<Reader>();
    long[] fromSeqs = {0, 500, 999, 4_000};
    for (int i = 0; i < fromSeqs.length; i++) {
      readers.add(new Reader(gateway, log.sessionId(), fromSeqs[i], i % 2 == 0));
    }
    producer.join();
    readers.add(new Reader(gateway, log.sessionId(), EVENTS - 10, true)); // After the fact.

    for (Reader reader : readers) {
      List<Long> seqs = reader.awaitThrough(EVENTS);
      assertThat(seqs).as("attached from %d", reader.fromSeq).hasSize((int) (EVENTS - reader.fromSeq));
      for (int i = 0; i < seqs.size(); i++) {
        if (seqs.get(i) != reader.fromSeq + 1 + i) {
          throw new AssertionError("gap or duplicate at index " + i + ": " + seqs.get(i));
        }
      }
      reader.client.close();
    }
  }

  @Test
  void reattachingWithTheLastSeenSeqAfterADroppedConnectionLosesNothing() throws Exception {
    SessionLog log = gateway.store.create();
    for (int i = 1; i <= 100; i++) {
      log.append(new ModelDelta("before " + i));
    }
    var first = new Reader(gateway, log.sessionId(), 0, true);
    first.awaitThrough(100);
    first.client.abort(); // No close handshake, as when a network drops.
    for (int i = 101; i <= 250; i++) {
      log.append(new ModelDelta("while away " + i));
    }

    var second = new Reader(gateway, log.sessionId(), 100, false);
    List<Long> seqs = second.awaitThrough(250);

    assertThat(seqs).first().isEqualTo(101L);
    assertThat(seqs).hasSize(150).doesNotHaveDuplicates().isSorted();
    second.client.close();
  }

  /** A client attached from a seq, collecting the seqs it receives. */
  static final class Reader {
    final long fromSeq;
    final RecordingListener listener = new RecordingListener();
    final GatewayClient client;

    Reader(GatewayFixture gateway, String sessionId, long fromSeq, boolean batching) {
      this.fromSeq = fromSeq;
      this.client = gateway.connect(listener, batching);
      client.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(sessionId, fromSeq));
    }

    List<Long> awaitThrough(long lastSeq) throws InterruptedException {
      var seqs = new ArrayList<Long>();
      EventFrame event;
      do {
        event = listener.next();
        seqs.add(event.seq());
      } while (event.seq() < lastSeq);
      return seqs;
    }
  }
}
