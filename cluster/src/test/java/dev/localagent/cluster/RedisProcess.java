package dev.localagent.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code redis-server} on a free loopback port without persistence (unless extra arguments
 * turn it on), ready once it answers PING. Used by the tests (through {@link RedisServer}) and by {@code localagent bench cluster}.
 */
public final class RedisProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final int port;

  private RedisProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts redis-server and waits until it answers PING.
   *
   * @throws IllegalStateException when redis-server is not installed or does not come up
   */
  public static RedisProcess start(String... extraArgs) throws IOException {
    return startOn(freePort(), extraArgs);
  }

  /** Starts redis-server on {@code port} (e.g. again where an earlier one stopped) and waits for PING. */
  public static RedisProcess startOn(int port, String... extraArgs) throws IOException {
    Path log = Files.createTempFile("redis-", ".log");
    Process process;
    try {
      var command = new java.util.ArrayList<>(java.util.List.of("redis-server", "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
      command.addAll(java.util.List.of(extraArgs));
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("redis-server is needed here; install it "
          + "(Debian: apt-get install redis-server; .ci/run does)", e);
    }
    var redis = new RedisProcess(process, port);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!redis.answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + ": "
            + Files.readString(log));
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    Files.deleteIfExists(log);
    return redis;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** CPU time the server has used so far (user and system), or zero where the OS does not say. */
  public Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private boolean answersPing() {
    try {
      String reply = command("PING");
      return reply.equals("+PONG") || reply.startsWith("-NOAUTH"); // Up, and asking for a password.
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * How many times the server has run a command since it started ({@code INFO commandstats}),
   * counting a script as one call of {@code evalsha} and not the commands it ran; 0 if never.
   */
  public long calls(String command) throws IOException {
    String stats = bulkReply("INFO commandstats");
    Matcher calls = Pattern.compile("cmdstat_" + Pattern.quote(command) + ":calls=(\\d+)").matcher(stats);
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }

  /** Sends one inline command whose reply is a bulk string ({@code $<length>} line, then the bytes). */
  private String bulkReply(String inline) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      var in = new java.io.DataInputStream(socket.getInputStream());
      String header = readLine(in);
      if (!header.startsWith("$")) {
        throw new IOException(inline + " answered " + header);
      }
      byte[] body = new byte[Integer.parseInt(header.substring(1))];
      in.readFully(body);
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Sends one inline command and returns the first line of the reply. */
  public String command(String inline) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return readLine(socket.getInputStream());
    }
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** Stops the server (SIGTERM) and waits for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
