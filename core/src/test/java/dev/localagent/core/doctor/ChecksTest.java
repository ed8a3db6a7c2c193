package dev.localagent.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksTest {
  @TempDir Path temp;

  @Test
  void redisCheckGetsPongFromARealRedis() throws Exception {
    int port = freePort();
    var redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectErrorStream(true).start();
    try {
      // Wait for readiness by reading redis' own log line, not by sleeping.
      try (var log = redis.inputReader()) {
        String line;
        while ((line = log.readLine()) != null && !line.contains("Ready to accept connections")) {
          // Skip start-up banner lines.
        }
      }
      var result = Checks.redis("redis", "127.0.0.1", port).run();
      assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
      assertThat(result.detail()).contains("PONG");
    } finally {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void redisCheckFailsWithAHintWhenNothingListens() throws IOException {
    var result = Checks.redis("redis", "127.0.0.1", freePort()).run();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.hint()).contains("redis-server --port");
  }

  @Test
  void httpCheckFailsForAClosedPort() throws IOException {
    var result = Checks.http("model", java.net.URI.create("http://127.0.0.1:" + freePort() + "/v1")).run();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.hint()).contains("base_url");
  }

  @Test
  void worstResultWinsAndACrashingCheckDoesNotStopTheOthers() throws IOException {
    Files.writeString(temp.resolve("file"), "");
    var results = Doctor.run(List.of(
        () -> CheckResult.ok("a", ""),
        () -> { throw new IllegalStateException("boom"); },
        Checks.writableDirectory("dir", temp.resolve("file/sub"))));

    assertThat(results).extracting(CheckResult::status)
        .containsExactly(CheckResult.Status.OK, CheckResult.Status.FAIL, CheckResult.Status.FAIL);
    assertThat(Doctor.worst(results)).isEqualTo(CheckResult.Status.FAIL);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
