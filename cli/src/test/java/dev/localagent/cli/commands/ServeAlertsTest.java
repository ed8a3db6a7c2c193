package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.cli.Cli;
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
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} raising a real alert: a memory threshold every JVM exceeds, read back from /metrics. */
class ServeAlertsTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path home;

  /** Completes {@code found} once the text written contains {@code pattern}. */
  private static final class Watch extends OutputStream {
    final StringBuffer text = new StringBuffer();
    final Pattern pattern;
    final CompletableFuture<Matcher> found = new CompletableFuture<>();

    Watch(Pattern pattern) {
      this.pattern = pattern;
    }

    @Override
    public void write(int b) {
      text.append((char) b);
      if (b == '\n' && !found.isDone()) {
        Matcher matcher = pattern.matcher(text);
        if (matcher.find()) {
          found.complete(matcher);
        }
      }
    }
  }

  @Test
  void serveRaisesTheMemoryAlertOnStderrAndAsAGaugeOnMetrics() throws Exception {
    Path config = home.resolve("config/localagent/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, """
        performance_alerts:
          interval: 50ms
          window: 1s
          memory_usage:
            warning: 1MB
            critical: 1024GB
        """);
    var out = new Watch(LISTENING);
    var err = new Watch(Pattern.compile("alert\\[warning\\] memory_usage: resident memory (\\d+) MB, past the warning threshold 1 MB"));
    var env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
        "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_STATE_HOME", home.resolve("state").toString(),
        "NO_COLOR", "1");
    var exit = new CompletableFuture<Integer>();
    Thread serve = Thread.ofPlatform().start(() -> exit.complete(Cli.run(
        new String[] {"serve", "--port", "0", "--store", "memory", "--provider", "echo"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env)));
    try {
      int port = Integer.parseInt(out.found.get(60, TimeUnit.SECONDS).group(1));
      long residentMb = Long.parseLong(err.found.get(60, TimeUnit.SECONDS).group(1));
      assertThat(residentMb).isGreaterThan(1);

      String metrics;
      try (var http = HttpClient.newHttpClient()) {
        metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      }
      assertThat(metrics)
          .contains("localagent_gateway_connections_open 0\n")
          .contains("localagent_alert_state{alert=\"memory_usage\"} 1\n")
          .contains("localagent_alert_state{alert=\"error_rate\"} 0\n")
          .containsPattern("localagent_alert_value\\{alert=\"memory_usage\"} \\d");

      CliRun alerts = CliRun.run(home, "alerts", "--url", "http://127.0.0.1:" + port, "--json");
      assertThat(alerts.exitCode()).as(alerts.err()).isEqualTo(1);
      var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(alerts.out());
      assertThat(rows).extracting(row -> row.get("alert").asText() + "=" + row.get("severity").asText())
          .containsExactly("plugin_loading=ok", "websocket_throughput=ok", "memory_usage=warning", "error_rate=ok");
      assertThat(rows.get(2).get("value").asText()).endsWith(" MB");
    } finally {
      serve.interrupt();
    }
    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(130);
  }

  @Test
  void alertsWithoutARunningGatewayExitsOneSayingWhatToDo() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CliRun alerts = CliRun.run(home, "alerts", "--url", "http://127.0.0.1:" + port);

    assertThat(alerts.exitCode()).isEqualTo(1);
    assertThat(alerts.err()).contains("error[LA-GATEWAY-016]", "/metrics", "is 'localagent serve' running?");
  }
}
