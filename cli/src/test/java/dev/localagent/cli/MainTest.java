package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void aLiveNonDaemonThreadMakesMainExitExplicitly() throws Exception {
    assertThat(whileAThreadWaits(false, Main::otherThreadsKeepTheJvmAlive)).isTrue();
  }

  @Test
  void aDaemonThreadDoesNotKeepTheJvmAlive() throws Exception {
    // The test runner's own threads decide 'before'; a daemon thread must not change it.
    boolean before = Main.otherThreadsKeepTheJvmAlive();
    assertThat(whileAThreadWaits(true, Main::otherThreadsKeepTheJvmAlive)).isEqualTo(before);
  }

  /** Asks {@code question} while a started thread of the given kind is parked, then releases it. */
  private static boolean whileAThreadWaits(boolean daemon, BooleanSupplier question) throws InterruptedException {
    var release = new CountDownLatch(1);
    var started = new CountDownLatch(1);
    var worker = new Thread(() -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, daemon ? "daemon-worker" : "non-daemon-worker");
    worker.setDaemon(daemon);
    worker.start();
    started.await();
    try {
      return question.getAsBoolean();
    } finally {
      release.countDown();
      worker.join();
    }
  }
}
