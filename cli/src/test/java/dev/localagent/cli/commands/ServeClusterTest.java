package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.cli.Cli;
import dev.localagent.cluster.RedisServer;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code serve --redis} instances in-process on one real Redis, driven by {@code send} and {@code attach}. */
class ServeClusterTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @RegisterExtension static RedisServer redis = new RedisServer();
  @TempDir Path home;

  /** A serve instance running on its own thread until interrupted. */
  private final class Serve {
    final StringBuffer text = new StringBuffer();
    final CompletableFuture<Integer> port = new CompletableFuture<>();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    final Thread thread;

    Serve(String... args) {
      var out = new OutputStream() {
        @Override
        public void write(int b) {
          text.append((char) b);
          Matcher matcher = LISTENING.matcher(text);
          int last = text.indexOf("stop with Ctrl-C");
          if (!port.isDone() && matcher.find() && last >= 0 && text.indexOf("\n", last) >= 0) {
            port.complete(Integer.parseInt(matcher.group(1)));
          }
        }
      };
      var err = new StringBuffer();
      thread = Thread.ofPlatform().start(() -> {
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new OutputStream() {
              @Override
              public void write(int b) {
                err.append((char) b);
              }
            }, true, StandardCharsets.UTF_8), env());
        port.completeExceptionally(new AssertionError("serve exited " + code + ": " + err));
        exit.complete(code);
      });
    }

    String url() throws Exception {
      return "ws://127.0.0.1:" + port.get(60, TimeUnit.SECONDS) + "/v1/ws";
    }

    int stop() throws Exception {
      thread.interrupt();
      return exit.get(30, TimeUnit.SECONDS);
    }
  }

  private Map<String, String> env() {
    return Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
        "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_STATE_HOME", home.resolve("state").toString(),
        "NO_COLOR", "1");
  }

  @Test
  void twoInstancesShareSessionsThroughRedisAndReportItInReadiness() throws Exception {
    Serve a = new Serve("serve", "--port", "0", "--provider", "echo", "--redis", redis.url());
    Serve b = new Serve("serve", "--port", "0", "--provider", "echo", "--redis", redis.url());
    String urlA = a.url();
    String urlB = b.url();
    assertThat(a.text.toString()).contains("cluster mode: sessions shared through Redis at 127.0.0.1:" + redis.port());

    String token = Files.readString(home.resolve("config/localagent/gateway.token")).strip();
    String session;
    try (var client = GatewayClient.connect(URI.create(urlA), token, false, event -> { })) {
      session = client.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
    }
    CliRun sent = CliRun.run(home, "send", "--url", urlB, session, "hello", "cluster");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("hello cluster");
    CliRun attached = CliRun.run(home, "attach", "--url", urlA, "--exit-after-turn", session);
    assertThat(attached.exitCode()).as(attached.err()).isZero();
    assertThat(attached.out()).contains("hello cluster");

    String readyz = urlA.replace("ws://", "http://").replace("/v1/ws", "/readyz");
    HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(readyz)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);

    assertThat(a.stop()).isEqualTo(130);
    assertThat(b.stop()).isEqualTo(130);
    assertThat(redis.command("EXISTS la:sessions")).isEqualTo(":1");
  }

  @Test
  void aStoreFlagWithRedisIsRefusedWithAClearError() throws Exception {
    CliRun run = CliRun.run(home, "serve", "--port", "0", "--store", "memory", "--redis", redis.url());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("does not apply in cluster mode");
  }

  @Test
  void anUnreachableRedisStopsServeWithTheClusterCode() throws Exception {
    CliRun run = CliRun.run(home, "serve", "--port", "0", "--provider", "echo", "--redis", "redis://127.0.0.1:1");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("LA-CLUSTER-001").contains("cannot reach Redis at 127.0.0.1:1");
  }
}
