package dev.localagent.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.TurnDone.Reason;
import dev.localagent.core.testkit.AgentHarness;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.testkit.Reply.Call;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentEngineTest {
  @TempDir Path root;
  FakeModelServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeModelServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  static TurnDone done(List<SessionEvent> events) {
    return (TurnDone) events.getLast().event();
  }

  @Test
  void toolCallsWriteAFileRunACommandOnItAndFeedResultsBackToTheModel() throws Exception {
    server.enqueue(
        Reply.openAiToolCalls(5, new Call("call_1", "fs_write", "{\"path\":\"notes.txt\",\"content\":\"hello agent\"}")),
        Reply.openAiToolCalls(5, new Call("call_2", "shell_exec", "{\"argv\":[\"cat\",\"notes.txt\"]}")),
        Reply.openAiText("Wrote and checked notes.txt."));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var events = agent.turn("write a note and show it");

      assertThat(Files.readString(agent.workdir.resolve("notes.txt"))).isEqualTo("hello agent");
      assertThat(Events.types(events)).startsWith("user.message", "model.message", "tool.call", "tool.result", "model.message", "tool.call", "tool.output");
      assertThat(Events.of(events, ToolCallStarted.class)).extracting(ToolCallStarted::tool).containsExactly("fs.write", "shell.exec");
      assertThat(Events.of(events, ToolOutputChunk.class)).extracting(ToolOutputChunk::chunk).containsExactly("hello agent\n");
      assertThat(Events.of(events, ToolCallFinished.class)).allMatch(ToolCallFinished::ok);
      assertThat(Events.of(events, ModelMessage.class).getLast().text()).isEqualTo("Wrote and checked notes.txt.");
      assertThat(done(events)).isEqualTo(new TurnDone(Reason.COMPLETED, 3));

      var third = server.chatRequests().get(2).body().get("messages");
      assertThat(third.get(third.size() - 1).get("role").asText()).isEqualTo("tool");
      assertThat(third.get(third.size() - 1).get("tool_call_id").asText()).isEqualTo("call_2");
      assertThat(third.get(third.size() - 1).get("content").asText()).isEqualTo("hello agent\n");
      assertThat(server.chatRequests().getFirst().body().at("/tools/0/function/name").asText()).isEqualTo("fs_read");
    }
  }

  @Test
  void fragmentedArgumentsOfTwoParallelToolCallsAreJoinedPerCall() throws Exception {
    server.enqueue(
        Reply.openAiToolCalls(2,
            new Call("a", "fs.write", "{\"path\":\"one.txt\",\"content\":\"1 {nested} \\\"q\\\"\"}"),
            new Call("b", "fs.write", "{\"path\":\"two.txt\",\"content\":\"2\"}")),
        Reply.openAiText("ok"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var events = agent.turn("two files");
      assertThat(Files.readString(agent.workdir.resolve("one.txt"))).isEqualTo("1 {nested} \"q\"");
      assertThat(Files.readString(agent.workdir.resolve("two.txt"))).isEqualTo("2");
      assertThat(Events.of(events, ModelMessage.class).getFirst().toolCalls()).extracting("id").containsExactly("a", "b");
    }
  }

  @Test
  void toolCallsWrittenAsTextAreRunWhenTheModelSendsNoNativeOnes() throws Exception {
    server.enqueue(
        Reply.openAiText("I will write it.\n<tool_call>\n{\"name\": \"fs.write\", \"arguments\": {\"path\": \"t.txt\", \"content\": \"from text\"}}\n</tool_call>", 7),
        Reply.openAiText("done"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var events = agent.turn("write t.txt");
      assertThat(Files.readString(agent.workdir.resolve("t.txt"))).isEqualTo("from text");
      ModelMessage first = Events.of(events, ModelMessage.class).getFirst();
      assertThat(first.text()).isEqualTo("I will write it.");
      assertThat(first.toolCalls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("fs.write"));
      assertThat(done(events).reason()).isEqualTo(Reason.COMPLETED);
    }
  }

  @Test
  void argumentsThatAreNotJsonAreReportedToTheModelWithoutRunningTheTool() throws Exception {
    server.enqueue(
        Reply.openAiToolCalls(3, new Call("c", "fs.write", "{\"path\": \"x.txt\", \"content\": ")),
        Reply.openAiText("sorry"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var events = agent.turn("go");
      assertThat(Files.exists(agent.workdir.resolve("x.txt"))).isFalse();
      assertThat(Events.of(events, ToolCallFinished.class)).singleElement()
          .satisfies(r -> assertThat(r.errorCode()).isEqualTo(AgentErrors.BAD_TOOL_ARGUMENTS.id()));
      assertThat(server.chatRequests().get(1).body().toString()).contains("LA-AGENT-005");
    }
  }

  @Test
  void aRateLimitedRequestIsRetriedAndSucceeds() throws Exception {
    server.enqueue(Reply.status(429, "{\"error\":\"slow down\"}"), Reply.openAiText("after retry"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var events = agent.turn("hi");
      assertThat(done(events).reason()).isEqualTo(Reason.COMPLETED);
      assertThat(Events.of(events, ModelMessage.class).getFirst().text()).isEqualTo("after retry");
      assertThat(server.chatRequests()).hasSize(2);
      assertThat(Events.of(events, ErrorRaised.class)).isEmpty();
    }
  }

  @Test
  void repeatedServerErrorsOpenTheBreakerAndLaterTurnsFailFastWithoutARequest() throws Exception {
    server.fallback(body -> Reply.status(500, "{\"error\":\"model crashed\"}"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var first = agent.turn("one");
      assertThat(done(first).reason()).isEqualTo(Reason.ERROR);
      assertThat(Events.of(first, ErrorRaised.class)).singleElement()
          .satisfies(e -> assertThat(e.code()).isEqualTo("LA-MODEL-003"))
          .satisfies(e -> assertThat(e.message()).contains("HTTP 500", "model crashed"));
      assertThat(server.chatRequests()).hasSize(3); // maxAttempts 3 in the harness

      var second = agent.turn("two");
      assertThat(Events.of(second, ErrorRaised.class).getFirst().message()).contains("circuit breaker");
      int afterOpen = server.chatRequests().size();
      assertThat(afterOpen).isEqualTo(4); // breakerMinCalls 4: the 4th failure opened it

      var third = agent.turn("three");
      assertThat(Events.of(third, ErrorRaised.class).getFirst().message()).contains("circuit breaker");
      assertThat(server.chatRequests()).hasSize(afterOpen);
    }
  }

  @Test
  void aStreamThatStallsEndsTheTurnWithATimeoutAfterItsText() throws Exception {
    server.enqueue(Reply.raw("text/event-stream",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial \"}}]}\n\n").thenStall());
    var config = new dev.localagent.core.provider.ProviderConfig(
        "stall", "openai", server.openAiUrl(), "m", null, 0, 1000, 5000, 300, 3, 5, 100, 4, 60_000);
    try (var agent = AgentHarness.builder(root).provider(config).build()) {
      var events = agent.turn("hi");
      assertThat(Events.types(events)).containsSubsequence("model.delta", "error", "turn.done");
      assertThat(Events.of(events, ErrorRaised.class)).singleElement()
          .satisfies(e -> assertThat(e.code()).isEqualTo("LA-MODEL-005"))
          .satisfies(e -> assertThat(e.message()).contains("stream idle"));
      assertThat(done(events).reason()).isEqualTo(Reason.ERROR);
      assertThat(server.chatRequests()).hasSize(1); // text was shown: never retried
    }
  }

  @Test
  void aMalformedChunkEndsTheTurnWithABadResponseError() throws Exception {
    server.enqueue(Reply.raw("text/event-stream", "data: {\"choices\":[{\"delta\":{\"content\":\n\n", "data: [DONE]\n\n"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var events = agent.turn("hi");
      assertThat(Events.of(events, ErrorRaised.class)).singleElement()
          .satisfies(e -> assertThat(e.code()).isEqualTo("LA-MODEL-004"))
          .satisfies(e -> assertThat(e.message()).contains("malformed chunk"));
      assertThat(done(events).reason()).isEqualTo(Reason.ERROR);
    }
  }

  @Test
  void anUnreachableServerIsReportedAsModelUnreachable() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var config = new dev.localagent.core.provider.ProviderConfig(
        "gone", "openai", "http://127.0.0.1:" + port + "/v1", "m", null, 0, 500, 1000, 1000, 2, 5, 100, 4, 60_000);
    try (var agent = AgentHarness.builder(root).provider(config).build()) {
      var events = agent.turn("hi");
      assertThat(Events.of(events, ErrorRaised.class)).singleElement()
          .satisfies(e -> assertThat(e.code()).isEqualTo("LA-MODEL-001"))
          .satisfies(e -> assertThat(e.message()).contains("127.0.0.1:" + port, "does not answer"));
    }
  }

  @Test
  void aModelThatNeverStopsCallingToolsIsStoppedAtMaxSteps() throws Exception {
    server.fallback(body -> Reply.openAiToolCalls(50, new Call("c" + body.get("messages").size(), "fs.read", "{\"path\":\"none\"}")));
    try (var agent = AgentHarness.builder(root).openAi(server).maxSteps(3).build()) {
      var events = agent.turn("loop");
      assertThat(done(events)).isEqualTo(new TurnDone(Reason.MAX_STEPS, 3));
      assertThat(server.chatRequests()).hasSize(3);
      assertThat(Events.of(events, ErrorRaised.class)).extracting(ErrorRaised::code).containsExactly("LA-AGENT-006");
    }
  }

  @Test
  void aSecondTurnSendsTheWholeConversationAndAResumedEngineRebuildsItFromTheLog() throws Exception {
    server.enqueue(Reply.openAiText("first answer"), Reply.openAiText("second answer"), Reply.openAiText("third"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      agent.turn("first question");
      agent.turn("second question");
      var messages = server.chatRequests().get(1).body().get("messages");
      assertThat(messages).extracting(m -> m.get("content").asText())
          .containsSubsequence("first question", "first answer", "second question");

      var resumed = new DefaultAgentEngine(agent.store, agent.engine.provider(),
          new dev.localagent.core.tool.ToolRegistry(), inv -> { throw new AssertionError("no tools"); },
          agent.engine.settings());
      var done = new java.util.concurrent.LinkedBlockingQueue<SessionEvent>();
      try (var sub = agent.log.subscribe(agent.log.lastSeq(), e -> { if (e.event() instanceof TurnDone) done.add(e); })) {
        assertThat(resumed.submit(agent.log.sessionId(), new Submission.Prompt("third question")).accepted()).isTrue();
        assertThat(done.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
      }
      resumed.close();
      assertThat(server.chatRequests().get(2).body().get("messages")).extracting(m -> m.get("content").asText())
          .containsSubsequence("first question", "first answer", "second question", "second answer", "third question");
    }
  }

  @Test
  void submissionsForUnknownSessionsAreRefusedWithTheSessionCode() throws Exception {
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var outcome = agent.engine.submit("no-such-session", new Submission.Prompt("hi"));
      assertThat(outcome.accepted()).isFalse();
      assertThat(outcome.code()).isEqualTo("LA-SESSION-001");
      assertThat(agent.engine.submit(agent.log.sessionId(), new Submission.Cancel()).code()).isEqualTo("LA-AGENT-002");
    }
  }

  @Test
  void ollamaNativeApiGetsNumCtxFromTheModelAndWarnsBeforeTruncation() throws Exception {
    server.contextLength(64).enqueue(
        Reply.ollamaToolCall("fs.write", "{\"path\":\"o.txt\",\"content\":\"via ollama\"}"),
        Reply.ollamaText("done", 70));
    try (var agent = AgentHarness.builder(root).ollama(server).build()) {
      var events = agent.turn("write o.txt");
      assertThat(Files.readString(agent.workdir.resolve("o.txt"))).isEqualTo("via ollama");
      var request = server.chatRequests().getFirst();
      assertThat(request.path()).isEqualTo("/api/chat");
      assertThat(request.body().at("/options/num_ctx").asInt()).isEqualTo(64);
      assertThat(Events.of(events, ErrorRaised.class)).extracting(ErrorRaised::code).contains("LA-MODEL-006");
      assertThat(Events.of(events, ErrorRaised.class)).anySatisfy(e -> assertThat(e.message()).contains("num_ctx is 64"));
      assertThat(Events.of(events, ErrorRaised.class)).anySatisfy(e -> assertThat(e.message()).contains("truncated"));
      assertThat(done(events)).isEqualTo(new TurnDone(Reason.COMPLETED, 2));
      assertThat(Events.of(events, ModelMessage.class).getLast().usage().promptTokens()).isEqualTo(70);
    }
  }

  @Test
  void ollamaWithAMainstreamContextLengthRaisesNoWarning() throws Exception {
    server.enqueue(Reply.ollamaText("hello there", 30));
    try (var agent = AgentHarness.builder(root).ollama(server).build()) {
      var events = agent.turn("hi");
      assertThat(Events.of(events, ErrorRaised.class)).isEmpty();
      assertThat(server.chatRequests().getFirst().body().at("/options/num_ctx").asInt()).isEqualTo(32_768);
      assertThat(Events.of(events, ModelMessage.class).getFirst().text()).isEqualTo("hello there");
    }
  }
}
