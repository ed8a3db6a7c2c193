package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.testkit.Reply.Call;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path home;
  FakeModelServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeModelServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void runStreamsTheAnswerAndExitsZero() {
    server.enqueue(Reply.openAiText("Hello from the fake model."));
    var result = CliRun.run(home, "run", "--provider", server.openAiUrl(), "--model", "fake-model", "say", "hello");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Hello from the fake model.\n");
    assertThat(result.err()).contains("session ").contains("--session");
    var request = server.chatRequests().getFirst().body();
    assertThat(request.get("model").asText()).isEqualTo("fake-model");
    assertThat(request.at("/messages/1/content").asText()).isEqualTo("say hello");
  }

  @Test
  void runJsonPrintsEveryEventAsOneJsonLineEndingWithTurnDone() throws Exception {
    server.enqueue(Reply.openAiText("abcdefgh", 4));
    var result = CliRun.run(home, "run", "--json", "--provider", server.openAiUrl(), "hi");
    assertThat(result.exitCode()).isZero();
    var mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : result.out().split("\n")) {
      lines.add(mapper.readTree(line));
    }
    assertThat(lines).extracting(n -> n.get("type").asText())
        .containsExactly("user.message", "model.delta", "model.delta", "model.message", "turn.done");
    assertThat(lines).extracting(n -> n.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(lines.getLast().get("reason").asText()).isEqualTo("COMPLETED");
    assertThat(lines.getFirst().get("session").asText()).isNotBlank();
  }

  @Test
  void runWithoutAnAnsweringServerExitsFiveAndSaysHowToFixIt() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var result = CliRun.run(home, "run", "--provider", "http://127.0.0.1:" + port + "/v1", "hi");
    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).contains("error[LA-MODEL-001]", "does not answer", "--provider echo", "providers test");
  }

  @Test
  void runWithSessionContinuesTheSameConversation() {
    server.enqueue(Reply.openAiText("first answer"), Reply.openAiText("second answer"));
    var first = CliRun.run(home, "run", "--provider", server.openAiUrl(), "first question");
    String id = first.err().replaceAll("(?s).*session (\\S+) .*", "$1");
    var second = CliRun.run(home, "run", "--provider", server.openAiUrl(), "--session", id, "second question");
    assertThat(second.exitCode()).isZero();
    assertThat(server.chatRequests().get(1).body().get("messages")).extracting(m -> m.get("content").asText())
        .containsSubsequence("first question", "first answer", "second question");
  }

  @Test
  void runStoppedAtMaxStepsExitsSeven() {
    server.fallback(body -> Reply.openAiToolCalls(10, new Call("c" + body.get("messages").size(), "fs.read", "{}")));
    var result = CliRun.run(home, "run", "--provider", server.openAiUrl(), "--max-steps", "2", "loop");
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).contains("LA-AGENT-006");
    assertThat(server.chatRequests()).hasSize(2);
  }

  @Test
  void runWithApproveAllWritesAFileAndRunsACommandThroughTheRealToolChain() throws Exception {
    server.enqueue(
        Reply.openAiToolCalls(6, new Call("w", "fs_write", "{\"path\":\"hello.txt\",\"content\":\"hi from the agent\"}")),
        Reply.openAiToolCalls(6, new Call("x", "shell_exec", "{\"command\":[\"cat\",\"hello.txt\"]}")),
        Reply.openAiText("done"));
    var result = CliRun.run(home, "run", "--json", "--approve", "all", "--provider", server.openAiUrl(), "write hello");
    assertThat(result.exitCode()).isZero();
    assertThat(java.nio.file.Files.readString(home.resolve("work/hello.txt"))).isEqualTo("hi from the agent");
    assertThat(result.out()).contains("\"type\":\"approval.decision\"", "\"decidedBy\":\"run --approve=all\"")
        .contains("\"type\":\"tool.output\"").contains("hi from the agent");
    var last = server.chatRequests().get(2).body().get("messages");
    assertThat(last.get(last.size() - 1).get("content").asText()).contains("hi from the agent");
  }

  @Test
  void runWithTheDefaultApprovalDeniesAWriteExitsSixAndWritesNothing() {
    server.enqueue(Reply.openAiToolCalls(6, new Call("w", "fs.write", "{\"path\":\"no.txt\",\"content\":\"x\"}")));
    var result = CliRun.run(home, "run", "--provider", server.openAiUrl(), "write no.txt");
    assertThat(result.exitCode()).isEqualTo(6);
    assertThat(java.nio.file.Files.exists(home.resolve("work/no.txt"))).isFalse();
    assertThat(result.out()).contains("approve fs.write", "deny");
    assertThat(server.chatRequests()).hasSize(1);
  }

  @Test
  void anUnknownProviderNameIsAConfigErrorListingTheConfiguredOnes() {
    var result = CliRun.run(home, "run", "--provider", "nope", "hi");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("error[LA-MODEL-007]", "no provider named 'nope'", "ollama", "echo");
  }

  @Test
  void theEchoProviderIsUsedOnlyWhenNamedAndSaysWhatItIs() {
    var result = CliRun.run(home, "run", "--provider", "echo", "ping");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("[echo provider: offline, no model] you said: ping");
  }

  @Test
  void anUnknownApproveValueIsAUsageError() {
    var result = CliRun.run(home, "run", "--provider", "echo", "--approve", "sometimes", "hi");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--approve must be never, reads or all");
  }
}
