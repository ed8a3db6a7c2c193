package dev.localagent.core.agent;

import dev.localagent.api.event.TurnDone;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.core.error.LocalAgentException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One session inside the engine: its log, conversation, approver and the running turn if any. */
final class SessionRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SessionRuntime.class);

  private final SessionLog log;
  private final ModelProvider provider;
  private final ToolRegistry tools;
  private final ToolInvoker invoker;
  private final SessionApprover approver;
  private Conversation conversation; // Guarded by this; used by one turn at a time.
  private Thread turn; // Guarded by this.
  private boolean active; // Guarded by this; false from the moment turn.done is appended.
  private TurnRunner.CancelFlag cancel; // Guarded by this.

  SessionRuntime(SessionLog log, ModelProvider provider, ToolRegistry tools, ToolInvoker invoker) {
    this.log = log;
    this.provider = provider;
    this.tools = tools;
    this.invoker = invoker;
    this.approver = new SessionApprover(log);
  }

  SessionApprover approver() {
    return approver;
  }

  synchronized boolean running() {
    return active;
  }

  /**
   * Ends a turn: clears the running state and appends turn.done under one lock, so a client that
   * reacts to turn.done with a new prompt is never refused, and no event of a new turn can come
   * before it.
   */
  private synchronized void finish(TurnDone done) {
    active = false;
    log.append(done);
  }

  /**
   * A log that refuses an append (in cluster mode: the lease moved to another instance, which
   * now owns the session and closes the orphaned turn) ends the turn here: nothing more can be
   * recorded, so it is logged rather than thrown onto the console by the thread's default handler.
   */
  private void runGuarded(TurnRunner runner, String prompt) {
    try {
      runner.run(prompt);
    } catch (LocalAgentException refused) {
      synchronized (this) {
        active = false;
      }
      LOG.warn("session {}: the turn stopped because its log refused an append: {} {}",
          log.sessionId(), refused.code().id(), refused.getMessage());
    }
  }

  synchronized AgentEngine.Outcome start(String prompt, EngineSettings settings) {
    if (running()) {
      return AgentEngine.Outcome.refused(AgentErrors.TURN_RUNNING.id(),
          "a turn is already running in session " + log.sessionId() + "; cancel it or wait for turn.done");
    }
    if (conversation == null) {
      conversation = Conversation.fromLog(log.read(0, Integer.MAX_VALUE));
    }
    cancel = new TurnRunner.CancelFlag();
    var runner =
        new TurnRunner(log, conversation, provider, tools, invoker, settings, approver, cancel, this::finish);
    active = true;
    turn = Thread.ofVirtual().name("turn-" + log.sessionId()).unstarted(() -> runGuarded(runner, prompt));
    turn.start();
    return AgentEngine.Outcome.ACCEPTED;
  }

  synchronized AgentEngine.Outcome cancel() {
    if (!running()) {
      return AgentEngine.Outcome.refused(AgentErrors.NO_TURN.id(), "no turn is running in session " + log.sessionId());
    }
    cancel.requested = true;
    turn.interrupt();
    return AgentEngine.Outcome.ACCEPTED;
  }

  void awaitUntil(long deadlineNanos) {
    Thread current;
    synchronized (this) {
      current = turn;
    }
    if (current == null) {
      return;
    }
    try {
      current.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
