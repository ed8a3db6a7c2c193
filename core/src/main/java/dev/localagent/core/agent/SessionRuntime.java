package dev.localagent.core.agent;

import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.core.error.LocalAgentException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One session inside the engine: its log, conversation, approver and the running turn if any. */
final class SessionRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SessionRuntime.class);
  private static final long RECORD_RETRY_FIRST_MILLIS = 50;
  private static final long RECORD_RETRY_MAX_MILLIS = 2_000;

  private final SessionLog log;
  private final ModelProvider provider;
  private final ToolRegistry tools;
  private final ToolInvoker invoker;
  private final SessionApprover approver;
  private Conversation conversation; // Guarded by this; used by one turn at a time.
  private Thread turn; // Guarded by this.
  private boolean active; // Guarded by this; false from the moment turn.done is appended.
  private TurnRunner.CancelFlag cancel; // Guarded by this.
  private LocalAgentException unrecorded; // Guarded by this; why the running turn's end is not in the log yet.
  private boolean stopping; // Guarded by this; the engine is closing.

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
   * Ends a turn: appends turn.done and clears the running state under one lock, so a client that
   * reacts to turn.done with a new prompt is never refused, and no event of a new turn can come
   * before it. A turn.done the log refused leaves the turn running (see {@link #runGuarded}).
   */
  private synchronized void finish(TurnDone done) {
    log.append(done);
    active = false;
    unrecorded = null;
  }

  /**
   * Runs the turn. One that stops on a {@link LocalAgentException} (in practice the log refused an
   * event: the session store is unreachable, or in cluster mode the session went to another
   * instance) has no turn.done in the log, and clients learn only from the log. So the turn stays
   * open, prompts and cancels are refused with the failure, and its end is appended as soon as the
   * log takes events again: an error with the failure's code and what to do, then turn.done ERROR.
   * This gives up, leaving the turn open, only when the log can no longer be written from here
   * (closed, or another instance now writes the session and closes the turn itself) or the engine
   * stops.
   */
  private void runGuarded(TurnRunner runner, String prompt) {
    LocalAgentException failure;
    try {
      runner.run(prompt);
      return;
    } catch (LocalAgentException e) {
      failure = e;
    } catch (RuntimeException e) {
      giveUp(e);
      return;
    }
    long recordedUpTo = log.lastSeq();
    synchronized (this) {
      unrecorded = failure;
      conversation = null; // It may hold what the log lost: the next turn rebuilds it from the log.
    }
    LOG.warn("session {}: the turn stopped after seq {} ({} {}); its end is recorded once the log takes events again",
        log.sessionId(), recordedUpTo, failure.code().id(), failure.getMessage());
    var error = new ErrorRaised(failure.code().id(), "the turn stopped: " + failure.getMessage()
        + (failure.hint().isEmpty() ? "" : " (" + failure.hint() + ")")
        + "; nothing after seq " + recordedUpTo + " was recorded: send the prompt again");
    var done = new TurnDone(TurnDone.Reason.ERROR, runner.stepsTaken());
    long backoffMillis = RECORD_RETRY_FIRST_MILLIS;
    SessionEvent errorRecorded = null; // Not appended twice when only the turn.done after it was refused.
    while (true) {
      Thread.interrupted(); // A cancel's interrupt must not break the append (a file channel closes on it).
      synchronized (this) {
        if (stopping) {
          giveUp(failure);
          return;
        }
      }
      try {
        if (!log.writable()) {
          giveUp(failure);
          return;
        }
        if (errorRecorded == null || !log.read(errorRecorded.seq() - 1, 1).equals(List.of(errorRecorded))) {
          errorRecorded = log.append(error);
        }
        finish(done);
        LOG.info("session {}: the stopped turn's end is recorded", log.sessionId());
        return;
      } catch (LocalAgentException stillRefused) {
        // The store is still away: try again, at a pace that costs nothing while it is.
      } catch (RuntimeException e) {
        giveUp(e);
        return;
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        // A cancel or the engine stopping: the loop checks which.
      }
      backoffMillis = Math.min(2 * backoffMillis, RECORD_RETRY_MAX_MILLIS);
    }
  }

  /** The turn ends here without a turn.done in the log (an instance that takes the session over writes one). */
  private synchronized void giveUp(RuntimeException failure) {
    active = false;
    unrecorded = null;
    conversation = null;
    LOG.warn("session {}: the turn stopped and its end could not be recorded: {}", log.sessionId(), failure.toString());
  }

  /** What {@link AgentEngine#unrecordedEnd} says for this session. */
  synchronized java.util.Optional<String> unrecordedEnd() {
    return unrecorded == null ? java.util.Optional.empty()
        : java.util.Optional.of(unrecorded.code().id() + " " + unrecorded.getMessage());
  }

  private AgentEngine.Outcome refusedUnrecorded() {
    return AgentEngine.Outcome.refused(unrecorded.code().id(), "the last turn of session " + log.sessionId()
        + " stopped and its end is not recorded yet: " + unrecorded.getMessage()
        + "; it is recorded (error, then turn.done) as soon as the session's log takes events again");
  }

  synchronized AgentEngine.Outcome start(String prompt, EngineSettings settings) {
    if (unrecorded != null) {
      return refusedUnrecorded();
    }
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
    if (unrecorded != null) {
      turn.interrupt(); // Not cancelled (its end is still recorded), but it checks at once whether it still can be.
      return refusedUnrecorded();
    }
    if (!running()) {
      return AgentEngine.Outcome.refused(AgentErrors.NO_TURN.id(), "no turn is running in session " + log.sessionId());
    }
    cancel.requested = true;
    turn.interrupt();
    return AgentEngine.Outcome.ACCEPTED;
  }

  /** The engine is closing: cancels the turn, and stops waiting to record one whose end the log refused. */
  synchronized void stop() {
    stopping = true;
    if (active) {
      cancel.requested = true;
      turn.interrupt();
    }
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
