package dev.localagent.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.SessionErrors;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.testkit.AgentHarness;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.RefusingSessionStore;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.tool.ToolRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log that stops taking appends mid-turn: the session store is unreachable for a while, or (in
 * cluster mode) another instance now writes the session.
 */
class RefusedAppendTest {
  @TempDir Path root;

  private final AtomicBoolean refusing = new AtomicBoolean(true);
  private final AtomicBoolean writable = new AtomicBoolean(true);

  @Test
  void aTurnWhoseEndTheLogRefusedIsEndedInTheLogOnceItTakesAppendsAgain() throws Exception {
    try (var server = FakeModelServer.start();
        var agent = AgentHarness.builder(root).openAi(server).build()) {
      server.enqueue(Reply.openAiText("never recorded"), Reply.openAiText("second"));
      var store = new RefusingSessionStore(new InMemorySessionStore(), refusing, writable);
      var log = store.create();
      try (var engine = engine(store, agent)) {
        assertThat(engine.submit(log.sessionId(), new Submission.Prompt("first")).accepted()).isTrue();

        // The turn stopped, but clients learn that only from the log: it stays open, and says why.
        awaitTrue("a prompt is refused with the log's failure",
            () -> SessionErrors.LOCKED.id().equals(engine.submit(log.sessionId(), new Submission.Prompt("no")).code()));
        assertThat(engine.running(log.sessionId())).isTrue();
        Submission cancel = new Submission.Cancel();
        assertThat(engine.submit(log.sessionId(), cancel).code()).isEqualTo(SessionErrors.LOCKED.id());

        refusing.set(false);
        awaitTrue("the turn's end is recorded", () -> !engine.running(log.sessionId()));
        assertThat(log.read(0, 100)).extracting(SessionEvent::event).satisfiesExactly(
            prompt -> assertThat(prompt).isEqualTo(new UserMessage("first")),
            error -> assertThat(error).isInstanceOfSatisfying(ErrorRaised.class, e -> {
              assertThat(e.code()).isEqualTo(SessionErrors.LOCKED.id());
              assertThat(e.message()).contains("refused", "nothing after seq 1 was recorded", "send the prompt again");
            }),
            done -> assertThat(done).isEqualTo(new TurnDone(TurnDone.Reason.ERROR, 1)));

        assertThat(engine.submit(log.sessionId(), new Submission.Prompt("again")).accepted()).isTrue();
        awaitTrue("the next turn completes", () -> !engine.running(log.sessionId()));
        assertThat(log.read(3, 100).getLast().event()).isEqualTo(new TurnDone(TurnDone.Reason.COMPLETED, 1));
        // The model saw the log's conversation, not the unrecorded reply of the stopped turn.
        assertThat(server.chatRequests().getLast().body().path("messages").toString()).doesNotContain("never recorded");
      }
    }
  }

  @Test
  void aTurnWhoseLogCanNoLongerBeWrittenHereEndsWithoutTurnDoneAndFreesTheSession() throws Exception {
    try (var server = FakeModelServer.start();
        var agent = AgentHarness.builder(root).openAi(server).build()) {
      server.enqueue(Reply.openAiText("never recorded"));
      var store = new RefusingSessionStore(new InMemorySessionStore(), refusing, writable);
      var log = store.create();
      writable.set(false); // Another instance holds the session now: it closes the turn.
      try (var engine = engine(store, agent)) {
        assertThat(engine.submit(log.sessionId(), new Submission.Prompt("first")).accepted()).isTrue();
        awaitTrue("the turn gave up", () -> !engine.running(log.sessionId()));
        assertThat(log.read(0, 100)).extracting(SessionEvent::event).containsExactly(new UserMessage("first"));
      }
    }
  }

  @Test
  void closingTheEngineStopsWaitingForALogThatStillRefuses() throws Exception {
    try (var server = FakeModelServer.start();
        var agent = AgentHarness.builder(root).openAi(server).build()) {
      server.enqueue(Reply.openAiText("never recorded"));
      var store = new RefusingSessionStore(new InMemorySessionStore(), refusing, writable);
      var log = store.create();
      var engine = engine(store, agent);
      assertThat(engine.submit(log.sessionId(), new Submission.Prompt("first")).accepted()).isTrue();
      awaitTrue("the turn waits to record its end",
          () -> SessionErrors.LOCKED.id().equals(engine.submit(log.sessionId(), new Submission.Prompt("no")).code()));

      engine.close();

      assertThat(engine.running(log.sessionId())).isFalse();
      assertThat(log.read(0, 100)).extracting(SessionEvent::event).containsExactly(new UserMessage("first"));
    }
  }

  private static DefaultAgentEngine engine(SessionStore store, AgentHarness agent) {
    return new DefaultAgentEngine(store, agent.engine.provider(), new ToolRegistry(),
        invocation -> { throw new AssertionError("no tools"); }, agent.engine.settings());
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
      LockSupport.parkNanos(1_000_000); // Polls a condition with a deadline.
    }
  }
}
