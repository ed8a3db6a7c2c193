package dev.localagent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.core.config.ConfigLoad;
import dev.localagent.core.config.ConfigLoader;
import dev.localagent.core.config.ConfigSchema;
import dev.localagent.core.config.Dirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cluster} section through the real config loader. */
class ClusterConfigTest {
  @TempDir Path temp;
  private final Map<String, String> env = new HashMap<>();

  private ConfigLoad load(String yaml) throws Exception {
    env.put("HOME", temp.toString());
    Path file = Files.writeString(temp.resolve("config.yaml"), yaml);
    var dirs = new Dirs(temp.resolve("c"), temp.resolve("d"), temp.resolve("s"), temp.resolve("w"));
    return new ConfigLoader(ConfigSchema.of(ClusterConfig.SECTION))
        .load(new ConfigLoader.Inputs(dirs, Optional.of(file), env, List.of()));
  }

  @Test
  void noClusterSectionMeansASingleInstance() throws Exception {
    ClusterConfig config = load("").orThrow().section(ClusterConfig.SECTION);
    assertThat(config.enabled()).isFalse();
    assertThat(config.leaseTtlMillis()).isEqualTo(10_000);
  }

  @Test
  void aRedisUrlSwitchesClusterModeOnAndThePasswordIsASecretNeverPrinted() throws Exception {
    env.put("TEST_REDIS_PASSWORD", "hunter2-redis");
    var loaded = load("""
        cluster:
          redis:
            url: redis://10.1.2.3:6380
            password: {env: TEST_REDIS_PASSWORD}
          lease_ttl_millis: 3000
        """).orThrow();
    ClusterConfig config = loaded.section(ClusterConfig.SECTION);
    assertThat(config.enabled()).isTrue();
    assertThat(config.redisAddress()).isEqualTo("10.1.2.3:6380");
    assertThat(config.leaseTtlMillis()).isEqualTo(3000);
    assertThat(config.redis().password().reveal()).isEqualTo("hunter2-redis");
    assertThat(config.toString()).doesNotContain("hunter2-redis");
    assertThat(loaded.redactedTree().toString()).doesNotContain("hunter2-redis");
    assertThat(config.withRedisUrl("redis://127.0.0.1:7000").redis().password().reveal()).isEqualTo("hunter2-redis");
  }

  @Test
  void aUrlThatIsNotRedisIsAConfigErrorNamingTheKey() throws Exception {
    ConfigLoad load = load("cluster:\n  redis:\n    url: http://10.1.2.3:6379\n");
    assertThat(load.ok()).isFalse();
    assertThat(load.errors().toString()).contains("cluster.redis.url must start with redis://");
  }
}
