package dev.localagent.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InMemorySessionLogTest {

  @Test
  void appendNumbersEventsFromOneWithoutGaps() {
    var log = new InMemorySessionLog("s1");
    assertThat(log.append(new UserMessage("a")).seq()).isEqualTo(1);
    assertThat(log.append(new ModelDelta("b")).seq()).isEqualTo(2);
    assertThat(log.lastSeq()).isEqualTo(2);
    assertThat(log.read(1, 10)).extracting(SessionEvent::seq).containsExactly(2L);
  }

  @Test
  void subscriberGetsHistoryAfterItsSeqThenLiveEvents() {
    var log = new InMemorySessionLog("s1");
    for (int i = 0; i < 5; i++) {
      log.append(new ModelDelta("d" + i));
    }
    List<Long> seen = new ArrayList<>();
    try (var sub = log.subscribe(3, e -> seen.add(e.seq()))) {
      log.append(new ModelDelta("live"));
    }
    log.append(new ModelDelta("after close"));
    assertThat(seen).containsExactly(4L, 5L, 6L);
  }

  @Test
  void subscribingWhileAnotherThreadAppendsLosesAndRepeatsNothing() throws Exception {
    var log = new InMemorySessionLog("s1");
    int total = 20_000;
    var start = new CountDownLatch(1);
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  for (int i = 0; i < total; i++) {
                    log.append(new ModelDelta("x"));
                  }
                });
    List<Long> seen = new CopyOnWriteArrayList<>();
    start.countDown();
    while (log.lastSeq() < 100) {
      Thread.onSpinWait();
    }
    long from = log.lastSeq() / 2;
    try (var sub = log.subscribe(from, e -> seen.add(e.seq()))) {
      writer.join();
    }
    assertThat(seen).hasSize((int) (total - from));
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)).isEqualTo(from + 1 + i);
    }
  }
}
