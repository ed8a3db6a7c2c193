package dev.localagent.core.doctor;

import dev.localagent.core.config.ConfigLoad;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The checks of {@code localagent doctor}, each a small factory returning a {@link Check}. */
public final class Checks {
  static final Duration TIMEOUT = Duration.ofMillis(1500);

  private Checks() {}

  public static Check jdk(int requiredFeature) {
    return () -> {
      var version = Runtime.version();
      String detail = "Java " + version + " at " + System.getProperty("java.home");
      return version.feature() == requiredFeature ? CheckResult.ok("jdk", detail)
          : CheckResult.fail("jdk", detail, "install JDK " + requiredFeature + " and point JAVA_HOME at it");
    };
  }

  public static Check config(ConfigLoad load) {
    return () -> {
      if (!load.ok()) {
        var first = load.errors().getFirst();
        return CheckResult.fail("config", load.errors().size() + " error(s): " + first.describe(),
            "run 'localagent config validate' and fix the file it names");
      }
      String files = load.files().isEmpty() ? "built-in defaults only" : "read " + load.files();
      return load.warnings().isEmpty() ? CheckResult.ok("config", files)
          : CheckResult.warn("config", load.warnings().size() + " warning(s): "
              + load.warnings().getFirst().describe(), "run 'localagent config validate'");
    };
  }

  /** A directory LocalAgent writes to: fine if writable, or if it can be created. */
  public static Check writableDirectory(String name, Path dir) {
    return () -> {
      Path existing = dir.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null || !Files.isDirectory(existing)) {
        return CheckResult.fail(name, dir + ": " + existing + " is not a directory", "remove or rename it");
      }
      if (!Files.isWritable(existing) || !Files.isExecutable(existing)) {
        return CheckResult.fail(name, existing + " is not writable", "chmod u+rwx " + existing);
      }
      String state = existing.equals(dir.toAbsolutePath()) ? "writable" : "will be created";
      return CheckResult.ok(name, dir + " (" + state + ")");
    };
  }

  /** The port {@code serve} will listen on must be free. */
  public static Check freePort(String host, int port) {
    return () -> {
      try (var socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        return CheckResult.ok("serve port", host + ":" + port + " is free");
      } catch (IOException e) {
        return CheckResult.fail("serve port", host + ":" + port + " is in use (" + e.getMessage() + ")",
            "stop the process using it (ss -ltnp 'sport = :" + port + "') or set gateway.port");
      }
    };
  }

  /** Redis answers PING with PONG. */
  public static Check redis(String name, String host, int port) {
    return () -> {
      try (var socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] reply = new byte[7];
        int read = socket.getInputStream().read(reply);
        String answer = read > 0 ? new String(reply, 0, read, StandardCharsets.US_ASCII).strip() : "";
        return answer.startsWith("+PONG") ? CheckResult.ok(name, host + ":" + port + " answered PONG")
            : CheckResult.fail(name, host + ":" + port + " answered '" + answer + "'",
                "check that this is a Redis server and whether it needs a password");
      } catch (IOException e) {
        return CheckResult.fail(name, host + ":" + port + " unreachable (" + e.getMessage() + ")",
            "start Redis (redis-server --port " + port + ") or fix the configured URL");
      }
    };
  }

  /** A model server answers HTTP at its base URL (any status counts as reachable). */
  public static Check http(String name, URI url) {
    return () -> {
      try (var client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
        var request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        return CheckResult.ok(name, url + " answered HTTP " + status);
      } catch (IOException e) {
        return CheckResult.fail(name, url + " unreachable (" + e.getClass().getSimpleName() + ")",
            "start the model server or fix base_url");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CheckResult.fail(name, url + " check interrupted", "rerun doctor");
      }
    };
  }
}
