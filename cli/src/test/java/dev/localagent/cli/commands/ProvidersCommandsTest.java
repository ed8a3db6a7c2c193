package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.core.testkit.FakeModelServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersCommandsTest {
  @TempDir Path home;

  @Test
  void listShowsTheDefaultProvidersAndMarksTheDefault() {
    var result = CliRun.run(home, "providers", "list");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("* ollama", "http://127.0.0.1:11434", "llamacpp", "offline stand-in");
  }

  @Test
  void testListsTheModelsOfServersThatAnswerInBothWireFormats() throws Exception {
    try (var server = FakeModelServer.start()) {
      var result = CliRun.run(home, "providers", "test", server.openAiUrl(), "ollama+" + server.ollamaUrl());
      assertThat(result.exitCode()).isZero();
      assertThat(result.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("ok").contains("fake-model"));
    }
  }

  @Test
  void testOfAServerThatDoesNotAnswerExitsFiveWithJsonSayingWhy() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var result = CliRun.run(home, "providers", "test", "--json", "http://127.0.0.1:" + port + "/v1");
    assertThat(result.exitCode()).isEqualTo(5);
    var report = new ObjectMapper().readTree(result.out());
    assertThat(report.get(0).get("ok").asBoolean()).isFalse();
    assertThat(report.get(0).get("error").asText()).contains("does not answer");
  }
}
