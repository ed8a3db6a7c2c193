package dev.localagent.bench.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RunQueueWaitTest {
  @Test
  void aThreadsTimeOnACoreIsCountedUnderItsKindWithoutItsNumber() throws Exception {
    RunQueueWait before = RunQueueWait.ofThisProcess();
    var spun = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    Thread probe = Thread.ofPlatform().name("rqw-probe-12").start(() -> {
      var threads = ManagementFactory.getThreadMXBean();
      long start = threads.getCurrentThreadCpuTime();
      while (threads.getCurrentThreadCpuTime() - start < 50_000_000L) {
        Thread.onSpinWait(); // 50 ms on a core, which schedstat must then report.
      }
      spun.countDown();
      try {
        release.await(); // Alive while read: an ended thread leaves /proc/PID/task with its counts.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    spun.await();
    RunQueueWait after = RunQueueWait.ofThisProcess();
    release.countDown();
    probe.join();

    RunQueueWait during = after.since(before);
    assertThat(during.runByThread()).containsKey("rqw-probe");
    assertThat(during.runByThread().get("rqw-probe")).isGreaterThanOrEqualTo(45_000_000L);
    assertThat(during.runNanos()).isGreaterThanOrEqualTo(during.runByThread().get("rqw-probe"));
    assertThat(during.slices()).isPositive();
    assertThat(during.topRunners(1.0)).contains("rqw-probe").endsWith("(ms/s)");
    assertThat(after.since(after).runNanos()).isZero();
  }

  @Test
  void compilerTimeSumsTheC1AndC2ThreadsPerSecondOfTheRun() {
    var reading = new RunQueueWait(0, 0, 0, Map.of(), Map.of("C2_CompilerThre", 300_000_000L,
        "C1_CompilerThre", 100_000_000L, "multiThreadIoEv", 900_000_000L, "bench-pacer", 50_000_000L));

    assertThat(reading.compilerMillisPerSecond(2.0)).isEqualTo(200.0);
    assertThat(new RunQueueWait(0, 0, 0, Map.of(), Map.of("multiThreadIoEv", 1L)).compilerMillisPerSecond(1.0))
        .isZero();
  }
}
