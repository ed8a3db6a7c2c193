package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path temp;

  @Test
  void healthyInstallationPassesEveryCheckExceptPerhapsThePort() {
    var cli = new CliHarness(temp);

    var result = cli.run("--json", "doctor");

    assertThat(result.out()).contains("{\"check\":\"jdk\",\"status\":\"OK\"")
        .contains("{\"check\":\"config\",\"status\":\"OK\"")
        .contains("{\"check\":\"state dir\",\"status\":\"OK\"");
  }

  @Test
  void aStateDirectoryThatIsAFileFailsWithAFixHintAndExitCode1() throws IOException {
    var cli = new CliHarness(temp);
    Path notADirectory = Files.writeString(temp.resolve("state-file"), "x");
    cli.env.put("XDG_STATE_HOME", notADirectory.toString());

    var result = cli.run("doctor");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).containsPattern("state dir +FAIL +.*is not a directory +remove or rename it");
    assertThat(result.out()).containsPattern("jdk +OK");
  }

  @Test
  void anOccupiedServePortFails() throws IOException {
    var cli = new CliHarness(temp);
    try (var holder = occupy(7777)) {
      var result = cli.run("--json", "doctor");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out()).contains("{\"check\":\"serve port\",\"status\":\"FAIL\",")
          .contains("is in use").contains("\"hint\":\"stop the process using it");
    }
  }

  @Test
  void aConfiguredModelServerIsProbedOverHttpAndADownOneFails() throws IOException {
    var cli = new CliHarness(temp);
    var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    int downPort;
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      downPort = probe.getLocalPort();
    }
    try {
      cli.write(cli.projectConfig(), "providers:\n  default_provider: up\n  entries:\n"
          + "    - {name: up, kind: openai, base_url: 'http://127.0.0.1:" + server.getAddress().getPort() + "/v1', model: m}\n"
          + "    - {name: down, kind: openai, base_url: 'http://127.0.0.1:" + downPort + "/v1', model: m}\n");

      var result = cli.run("--json", "doctor");

      assertThat(result.out())
          .contains("{\"check\":\"model providers.entries[0].base_url\",\"status\":\"OK\"")
          .contains("{\"check\":\"model providers.entries[1].base_url\",\"status\":\"FAIL\"")
          .contains("start the model server or fix base_url");
      assertThat(result.exitCode()).isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  /** Binds the port, or returns null when someone else already holds it: occupied either way. */
  private static ServerSocket occupy(int port) {
    try {
      var socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException alreadyInUse) {
      return null;
    }
  }
}
