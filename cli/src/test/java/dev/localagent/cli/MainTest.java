package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void aLiveNonDaemonThreadMakesMainExitExplicitly() throws Exception {
    var release = new CountDownLatch(1);
    var started = new CountDownLatch(1);
    var worker = new Thread(() -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "non-daemon-worker");
    worker.setDaemon(false);
    worker.start();
    started.await();
    try {
      assertThat(Main.otherThreadsKeepTheJvmAlive()).isTrue();
    } finally {
      release.countDown();
      worker.join();
    }
  }

  @Test
  void aDaemonThreadDoesNotKeepTheJvmAlive() throws Exception {
    boolean before = Main.otherThreadsKeepTheJvmAlive();
    var release = new CountDownLatch(1);
    var started = new CountDownLatch(1);
    var worker = new Thread(() -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "daemon-worker");
    worker.setDaemon(true);
    worker.start();
    started.await();
    try {
      // The test runner's own threads decide 'before'; a daemon thread must not change it.
      assertThat(Main.otherThreadsKeepTheJvmAlive()).isEqualTo(before);
    } finally {
      release.countDown();
      worker.join();
    }
  }
}
