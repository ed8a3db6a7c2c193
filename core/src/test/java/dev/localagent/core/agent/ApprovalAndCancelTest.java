package dev.localagent.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.TurnDone.Reason;
import dev.localagent.core.testkit.AgentHarness;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.testkit.Reply.Call;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalAndCancelTest {
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

  private static SessionEvent awaitDone(LinkedBlockingQueue<SessionEvent> done) throws InterruptedException {
    SessionEvent event = done.poll(30, TimeUnit.SECONDS);
    assertThat(event).as("turn.done").isNotNull();
    return event;
  }

  private static LinkedBlockingQueue<SessionEvent> doneQueue(AgentHarness agent) {
    var done = new LinkedBlockingQueue<SessionEvent>();
    agent.log.subscribe(agent.log.lastSeq(), e -> { if (e.event() instanceof TurnDone) done.add(e); });
    return done;
  }

  @Test
  void theFirstApprovalReplyWinsAndALaterOneIsRefused() throws Exception {
    server.enqueue(
        Reply.openAiToolCalls(8, new Call("w1", "fs.write", "{\"path\":\"ok.txt\",\"content\":\"approved\"}")),
        Reply.openAiText("written"));
    try (var agent = AgentHarness.builder(root).openAi(server).askFor("fs.write").build()) {
      var done = doneQueue(agent);
      agent.engine.submit(agent.log.sessionId(), new Submission.Prompt("write"));
      var request = (ApprovalRequested) Events.await(agent.log, 0, e -> e instanceof ApprovalRequested).event();
      assertThat(request.callId()).isEqualTo("w1");

      var first = agent.engine.submit(agent.log.sessionId(),
          new Submission.ApprovalReply(request.approvalId(), Decision.ALLOW_ONCE, "web-ui"));
      var second = agent.engine.submit(agent.log.sessionId(),
          new Submission.ApprovalReply(request.approvalId(), Decision.DENY, "cli"));

      assertThat(first.accepted()).isTrue();
      assertThat(second.accepted()).isFalse();
      assertThat(second.code()).isEqualTo("LA-AGENT-003");
      assertThat(second.message()).contains("already answered by web-ui");
      assertThat(((TurnDone) awaitDone(done).event()).reason()).isEqualTo(Reason.COMPLETED);
      assertThat(Files.readString(agent.workdir.resolve("ok.txt"))).isEqualTo("approved");
      var events = agent.log.read(0, 100);
      assertThat(Events.of(events, ApprovalDecided.class)).singleElement()
          .isEqualTo(new ApprovalDecided(request.approvalId(), Decision.ALLOW_ONCE, "web-ui"));
      assertThat(Events.types(events)).containsSubsequence("tool.call", "approval.request", "approval.decision", "tool.result");
    }
  }

  @Test
  void aDeniedToolCallEndsTheTurnAsDeniedWithoutRunningIt() throws Exception {
    server.enqueue(Reply.openAiToolCalls(8, new Call("w1", "fs.write", "{\"path\":\"no.txt\",\"content\":\"x\"}")));
    try (var agent = AgentHarness.builder(root).openAi(server).askFor("fs.write").build()) {
      var done = doneQueue(agent);
      agent.engine.submit(agent.log.sessionId(), new Submission.Prompt("write"));
      var request = (ApprovalRequested) Events.await(agent.log, 0, e -> e instanceof ApprovalRequested).event();
      agent.engine.submit(agent.log.sessionId(), new Submission.ApprovalReply(request.approvalId(), Decision.DENY, "cli"));
      assertThat(((TurnDone) awaitDone(done).event()).reason()).isEqualTo(Reason.DENIED);
      assertThat(Files.exists(agent.workdir.resolve("no.txt"))).isFalse();
      assertThat(server.chatRequests()).hasSize(1);
    }
  }

  @Test
  void allowForTheSessionIsNotAskedAgainForTheSameTool() throws Exception {
    server.enqueue(
        Reply.openAiToolCalls(8, new Call("w1", "fs.write", "{\"path\":\"a.txt\",\"content\":\"a\"}")),
        Reply.openAiToolCalls(8, new Call("w2", "fs.write", "{\"path\":\"b.txt\",\"content\":\"b\"}")),
        Reply.openAiText("both"));
    try (var agent = AgentHarness.builder(root).openAi(server).askFor("fs.write").build()) {
      var done = doneQueue(agent);
      agent.engine.submit(agent.log.sessionId(), new Submission.Prompt("write two"));
      var request = (ApprovalRequested) Events.await(agent.log, 0, e -> e instanceof ApprovalRequested).event();
      agent.engine.submit(agent.log.sessionId(),
          new Submission.ApprovalReply(request.approvalId(), Decision.ALLOW_SESSION, "cli"));
      assertThat(((TurnDone) awaitDone(done).event()).reason()).isEqualTo(Reason.COMPLETED);
      assertThat(Files.readString(agent.workdir.resolve("b.txt"))).isEqualTo("b");
      assertThat(Events.of(agent.log.read(0, 100), ApprovalRequested.class)).hasSize(1);
    }
  }

  @Test
  void cancelStopsAStalledModelStreamPromptlyAndTheSessionTakesTheNextPrompt() throws Exception {
    server.enqueue(Reply.raw("text/event-stream",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"thinking \"}}]}\n\n").thenStall());
    server.enqueue(Reply.openAiText("fresh start"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var done = doneQueue(agent);
      agent.engine.submit(agent.log.sessionId(), new Submission.Prompt("think"));
      Events.await(agent.log, 0, e -> e instanceof ModelDelta);
      long started = System.nanoTime();
      assertThat(agent.engine.submit(agent.log.sessionId(), new Submission.Cancel()).accepted()).isTrue();
      var end = (TurnDone) awaitDone(done).event();
      assertThat(end.reason()).isEqualTo(Reason.CANCELLED);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2000);
      assertThat(agent.engine.running(agent.log.sessionId())).isFalse();

      var next = agent.turn("again");
      assertThat(((TurnDone) next.getLast().event()).reason()).isEqualTo(Reason.COMPLETED);
    }
  }

  @Test
  void cancelStopsARunningToolAndTheModelLaterSeesItWasNotRun() throws Exception {
    server.enqueue(Reply.openAiToolCalls(8, new Call("s1", "shell.exec", "{\"argv\":[\"sleep\",\"30\"]}")),
        Reply.openAiText("ok"));
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var done = doneQueue(agent);
      agent.engine.submit(agent.log.sessionId(), new Submission.Prompt("sleep"));
      Events.await(agent.log, 0, e -> e instanceof ToolCallStarted);
      agent.engine.submit(agent.log.sessionId(), new Submission.Cancel());
      assertThat(((TurnDone) awaitDone(done).event()).reason()).isEqualTo(Reason.CANCELLED);

      agent.turn("next");
      var messages = server.chatRequests().get(1).body().get("messages");
      assertThat(messages.toString()).contains("\"tool_call_id\":\"s1\"");
    }
  }

  @Test
  void aPromptWhileATurnRunsIsRefused() throws Exception {
    server.enqueue(Reply.raw("text/event-stream",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n").thenStall());
    try (var agent = AgentHarness.builder(root).openAi(server).build()) {
      var done = doneQueue(agent);
      agent.engine.submit(agent.log.sessionId(), new Submission.Prompt("one"));
      Events.await(agent.log, 0, e -> e instanceof ModelDelta);
      var second = agent.engine.submit(agent.log.sessionId(), new Submission.Prompt("two"));
      assertThat(second.accepted()).isFalse();
      assertThat(second.code()).isEqualTo("LA-AGENT-001");
      agent.engine.submit(agent.log.sessionId(), new Submission.Cancel());
      awaitDone(done);
    }
  }
}
