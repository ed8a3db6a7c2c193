package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.cli.Cli;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in-process with the offline echo provider, driven by {@code send} and {@code attach}. */
class ServeCommandTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path home;

  /** Captures serve's output and completes once the whole banner (its last line names Ctrl-C) is out. */
  private static final class Watch extends OutputStream {
    final StringBuffer text = new StringBuffer();
    final CompletableFuture<Integer> port = new CompletableFuture<>();

    @Override
    public void write(int b) {
      text.append((char) b);
      Matcher matcher = LISTENING.matcher(text);
      int last = text.indexOf("stop with Ctrl-C");
      if (!port.isDone() && matcher.find() && last >= 0 && text.indexOf("\n", last) >= 0) {
        port.complete(Integer.parseInt(matcher.group(1)));
      }
    }
  }

  @Test
  void servePrintsWhereTheTokenIsAndSendStreamsATurnThroughIt() throws Exception {
    var watch = new Watch();
    var env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
        "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_STATE_HOME", home.resolve("state").toString(),
        "NO_COLOR", "1");
    var exit = new CompletableFuture<Integer>();
    Thread serve = Thread.ofPlatform().start(() -> exit.complete(Cli.run(
        new String[] {"serve", "--port", "0", "--store", "memory", "--provider", "echo"},
        new PrintStream(watch, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()), env)));
    int port = watch.port.get(30, TimeUnit.SECONDS);

    Path tokenFile = home.resolve("config/localagent/gateway.token");
    String token = Files.readString(tokenFile).strip();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    assertThat(watch.text.toString()).contains("token: " + tokenFile).doesNotContain(token);

    String url = "ws://127.0.0.1:" + port + "/v1/ws";
    String session = openSession(url, token);
    CliRun sent = CliRun.run(home, "send", "--url", url, session, "hello", "gateway");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("hello gateway");

    CliRun attached = CliRun.run(home, "attach", "--url", url, "--exit-after-turn", session);
    assertThat(attached.exitCode()).as(attached.err()).isZero();
    assertThat(attached.out()).contains("hello gateway");

    serve.interrupt();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(130);
  }

  private static String openSession(String url, String token) {
    try (var client = dev.localagent.gateway.client.GatewayClient.connect(java.net.URI.create(url), token, false,
        event -> { })) {
      return client.request(dev.localagent.gateway.protocol.Protocol.SESSION_OPEN,
          new dev.localagent.gateway.protocol.Messages.SessionOpen(null)).get("sessionId").asText();
    }
  }
}
