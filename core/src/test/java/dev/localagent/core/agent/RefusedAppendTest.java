package dev.localagent.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.SessionErrors;
import dev.localagent.core.session.SessionInfo;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.testkit.AgentHarness;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.tool.ToolRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log that stops taking appends mid-turn (cluster mode: the lease moved elsewhere). */
class RefusedAppendTest {
  @TempDir Path root;

  @Test
  void aTurnWhoseLogRefusesAnAppendEndsAndTheSessionTakesTheNextPrompt() throws Exception {
    try (var server = FakeModelServer.start();
        var agent = AgentHarness.builder(root).openAi(server).build()) {
      server.enqueue(Reply.openAiText("never recorded"), Reply.openAiText("second"));
      var refusing = new AtomicBoolean(true);
      var store = new RefusingStore(new InMemorySessionStore(), refusing);
      var log = store.create();
      var engine = new DefaultAgentEngine(store, agent.engine.provider(), new ToolRegistry(),
          invocation -> { throw new AssertionError("no tools"); }, agent.engine.settings());
      try (engine) {
        assertThat(engine.submit(log.sessionId(), new Submission.Prompt("first")).accepted()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.running(log.sessionId()) && System.nanoTime() < deadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // Polls a condition with a deadline.
        }
        assertThat(engine.running(log.sessionId())).as("the refused turn has ended").isFalse();
        assertThat(log.read(0, 100)).extracting(SessionEvent::event).singleElement().isInstanceOf(UserMessage.class);

        refusing.set(false);
        assertThat(engine.submit(log.sessionId(), new Submission.Prompt("again")).accepted()).isTrue();
      }
    }
  }

  /** Takes user messages; refuses every other append while {@code refusing} is set. */
  private record RefusingStore(SessionStore delegate, AtomicBoolean refusing) implements SessionStore {
    @Override public SessionLog create() { return wrap(delegate.create()); }
    @Override public Optional<SessionLog> open(String id) { return delegate.open(id).map(this::wrap); }
    @Override public List<SessionInfo> list() { return delegate.list(); }
    @Override public boolean delete(String id) { return delegate.delete(id); }
    @Override public void close() { delegate.close(); }

    private SessionLog wrap(SessionLog log) {
      return new SessionLog() {
        @Override public String sessionId() { return log.sessionId(); }
        @Override public SessionEvent append(Event event) {
          if (refusing.get() && !(event instanceof UserMessage)) {
            throw new LocalAgentException(SessionErrors.LOCKED, "refused", "test");
          }
          return log.append(event);
        }
        @Override public long lastSeq() { return log.lastSeq(); }
        @Override public List<SessionEvent> read(long afterSeq, int max) { return log.read(afterSeq, max); }
        @Override public Subscription subscribe(long afterSeq, SessionSubscriber subscriber) {
          return log.subscribe(afterSeq, subscriber);
        }
        @Override public void close() { log.close(); }
      };
    }
  }
}
