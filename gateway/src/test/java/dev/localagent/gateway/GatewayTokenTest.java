package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.core.error.LocalAgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTokenTest {
  @TempDir Path dir;

  @Test
  void createsAnOwnerOnlyTokenOnceAndReadsItBack() throws Exception {
    Path file = dir.resolve("config/gateway.token");

    String first = GatewayToken.loadOrCreate(file);

    assertThat(first).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(GatewayToken.loadOrCreate(file)).isEqualTo(first);
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file);
    }
  }

  /** Instances started together from one home directory must agree on one token. */
  @RepeatedTest(5)
  void concurrentFirstStartsAllGetTheTokenInTheFile() throws Exception {
    Path file = dir.resolve("gateway.token");
    int starters = 8;
    var ready = new CountDownLatch(starters);
    var go = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(starters)) {
      var futures = new ArrayList<Future<String>>();
      for (int i = 0; i < starters; i++) {
        Callable<String> start = () -> {
          ready.countDown();
          go.await();
          return GatewayToken.loadOrCreate(file);
        };
        futures.add(pool.submit(start));
      }
      ready.await();
      go.countDown();
      var tokens = new HashSet<String>();
      for (var future : futures) {
        tokens.add(future.get());
      }
      assertThat(tokens).containsExactly(Files.readString(file).strip());
    }
  }

  @Test
  void refusesATokenFileOthersCanRead() throws Exception {
    Path file = dir.resolve("gateway.token");
    Files.writeString(file, "secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> GatewayToken.loadOrCreate(file))
        .isInstanceOf(LocalAgentException.class)
        .hasMessageContaining("readable by others")
        .hasMessageNotContaining("secret");
  }
}
