package dev.localagent.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real haproxy balancing WebSocket connections round-robin over gateway instances, checking
 * each with {@code GET /readyz}. A missing haproxy fails the test: CI installs it.
 */
final class Haproxy implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private Haproxy(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static Haproxy start(Path dir, List<InetSocketAddress> backends) throws IOException {
    int port = freePort();
    var servers = new StringBuilder();
    for (int i = 0; i < backends.size(); i++) {
      servers.append("  server gw").append(i).append(" 127.0.0.1:").append(backends.get(i).getPort()).append('\n');
    }
    Path config = dir.resolve("haproxy.cfg");
    Files.writeString(config, """
        defaults
          mode http
          timeout connect 2s
          timeout client 60s
          timeout server 60s
          timeout tunnel 60s
          option redispatch
          retries 3
        frontend gateway
          bind 127.0.0.1:%d
          default_backend instances
        backend instances
          balance roundrobin
          option httpchk GET /readyz
          default-server check inter 200ms fall 1 rise 1
        %s""".formatted(port, servers));
    Path log = dir.resolve("haproxy.log");
    Process process;
    try {
      process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("haproxy is needed by the load-balancer test; install it "
          + "(Debian: apt-get install haproxy; .ci/run does)", e);
    }
    var haproxy = new Haproxy(process, port, log);
    haproxy.awaitReady();
    return haproxy;
  }

  /** Waits until haproxy answers through to a ready instance. */
  private void awaitReady() throws IOException {
    var http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("haproxy did not get ready: " + Files.readString(log));
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + port + "/v1/ws");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
