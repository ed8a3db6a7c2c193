package dev.localagent.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real haproxy balancing WebSocket connections round-robin over gateway instances, checking
 * each with {@code GET /readyz}; started means haproxy itself reports every instance up. A missing haproxy fails the test: CI installs it.
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
    Path stats = dir.resolve("haproxy.sock");
    // A check may be slow on a busy machine: allow it two seconds, and take a server out only
    // after two failures in a row, or a single late answer sends every connection to one instance.
    Files.writeString(config, """
        global
          stats socket %s mode 600 level user
        defaults
          mode http
          timeout connect 2s
          timeout client 60s
          timeout server 60s
          timeout tunnel 60s
          option redispatch
          retries 3
          timeout check 2s
        frontend gateway
          bind 127.0.0.1:%d
          default_backend instances
        backend instances
          balance roundrobin
          option httpchk GET /readyz
          default-server check inter 200ms fall 2 rise 1
        %s""".formatted(stats, port, servers));
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
    haproxy.awaitAllUp(stats, backends.size());
    return haproxy;
  }

  /**
   * Waits until haproxy's own checks have every backend up (its stats socket says so), so the
   * round-robin order a test relies on starts from all instances, not from the first one ready.
   */
  private void awaitAllUp(Path stats, int backends) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String last = "";
    while (true) {
      try {
        last = statsCsv(stats);
        if (serversUp(last) == backends) {
          return;
        }
      } catch (IOException e) {
        last = "stats socket not answering yet: " + e.getMessage();
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("haproxy did not see all " + backends + " instances up: " + last
            + "\n" + Files.readString(log));
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private static String statsCsv(Path socket) throws IOException {
    try (var channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
      var text = new ByteArrayOutputStream();
      var buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer) >= 0) {
        text.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return text.toString(StandardCharsets.US_ASCII);
    }
  }

  /** The number of servers of the backend whose status column says UP. */
  private static int serversUp(String csv) {
    String[] lines = csv.split("\n");
    if (lines.length == 0 || !lines[0].startsWith("# ")) {
      return 0;
    }
    List<String> header = List.of(lines[0].substring(2).split(","));
    int name = header.indexOf("svname");
    int status = header.indexOf("status");
    int up = 0;
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(",", -1);
      if (fields.length > Math.max(name, status) && fields[name].startsWith("gw") && fields[status].equals("UP")) {
        up++;
      }
    }
    return up;
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
