package dev.localagent.cluster;

import dev.localagent.gateway.Await;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.core.testkit.FakeModelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} follows the instance's link to Redis; {@code /healthz} does not. */
class ReadinessTest {
  @RegisterExtension static RedisServer redis = new RedisServer();
  @TempDir Path root;

  @Test
  void readinessFailsNamingRedisOnceRedisIsGoneWhileLivenessStaysOk() throws Exception {
    try (var model = FakeModelServer.start();
        var instance = new ClusterInstance(redis.url(), 600, model,
            Files.createDirectories(root.resolve("work")).toRealPath())) {
      assertThat(get(instance.httpUri("/readyz")).statusCode()).isEqualTo(200);

      redis.stop();
      Await.until("/readyz turns 503", () -> get(instance.httpUri("/readyz")).statusCode() == 503);
      assertThat(get(instance.httpUri("/readyz")).body())
          .startsWith("Redis at 127.0.0.1:" + redis.port() + " unreachable");
      assertThat(get(instance.httpUri("/healthz")).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(URI uri) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + uri + " failed", e);
    }
  }
}
