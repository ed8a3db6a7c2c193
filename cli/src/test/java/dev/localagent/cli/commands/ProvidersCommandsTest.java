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
  void providersFromConfigYamlAreUsedByRunAndTheirKeyIsSentButNeverPrinted() throws Exception {
    try (var server = FakeModelServer.start()) {
      server.enqueue(dev.localagent.core.testkit.Reply.openAiText("configured"));
      Path config = home.resolve("config/localagent/config.yaml");
      java.nio.file.Files.createDirectories(config.getParent());
      java.nio.file.Files.writeString(config, String.join("\n",
          "providers:",
          "  default_provider: local",
          "  entries:",
          "    - name: local",
          "      kind: openai",
          "      base_url: " + server.openAiUrl(),
          "      model: from-config",
          "      api_key: ${FAKE_KEY}",
          ""));
      var env = java.util.Map.of("FAKE_KEY", "sk-do-not-print");
      var run = CliRun.runWithEnv(home, env, "run", "hello");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).isEqualTo("configured\n");
      var request = server.chatRequests().getFirst();
      assertThat(request.body().get("model").asText()).isEqualTo("from-config");
      assertThat(request.authorization()).isEqualTo("Bearer sk-do-not-print");

      var list = CliRun.runWithEnv(home, env, "providers", "list");
      assertThat(list.out()).contains("* local", "from-config").doesNotContain("sk-do-not-print");
      var json = CliRun.runWithEnv(home, env, "providers", "list", "--json");
      assertThat(json.out()).contains("\"name\":\"local\"").doesNotContain("sk-do-not-print");
    }
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
