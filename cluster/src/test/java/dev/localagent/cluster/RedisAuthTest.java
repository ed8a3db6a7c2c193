package dev.localagent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.UserMessage;
import dev.localagent.core.config.Secret;
import dev.localagent.core.error.LocalAgentException;
import org.junit.jupiter.api.Test;

/** A Redis that requires a password: the configured secret is sent, and its absence is a clear error. */
class RedisAuthTest {
  @Test
  void theConfiguredPasswordIsUsedAndAMissingOneFailsWithTheClusterCode() throws Exception {
    try (var redis = RedisProcess.start("--requirepass", "s3cret-for-test")) {
      var withPassword = new ClusterConfig(
          new ClusterConfig.Redis(redis.url(), Secret.of("s3cret-for-test", "test")), 10_000, 1_000);
      try (var node = ClusterNode.start(withPassword)) {
        var log = node.store().create();
        node.leases().tryAcquire(log.sessionId());
        log.append(new UserMessage("authenticated"));
        assertThat(node.store().list()).singleElement().satisfies(info -> assertThat(info.lastSeq()).isEqualTo(1));
      }
      assertThatThrownBy(() -> ClusterNode.start(new ClusterConfig(new ClusterConfig.Redis(redis.url()), 10_000, 1_000)))
          .isInstanceOfSatisfying(LocalAgentException.class, e -> {
            assertThat(e.code()).isEqualTo(ClusterErrors.REDIS_UNAVAILABLE);
            assertThat(e.getMessage()).doesNotContain("s3cret-for-test");
          });
    }
  }
}
