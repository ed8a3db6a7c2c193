package dev.localagent.cli;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.cli.render.EventRenderer;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.agent.Submission;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.SessionLog;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one turn for a CLI client: submits the prompt, then renders events from the log until
 * turn.done, answering approval requests through {@code approvals}. Events are queued off the
 * appending thread, so rendering and replying never run inside the log's lock.
 */
public final class TurnDriver {
  /** Decides an approval request for this client; may block to ask the person. */
  @FunctionalInterface
  public interface Approvals {
    Decision decide(ApprovalRequested request) throws InterruptedException;
  }

  /** How the turn ended and the last error it raised, if any. */
  public record Result(TurnDone done, ErrorRaised lastError) {}

  /** How long the log may stay silent before the engine is asked whether the turn is stuck. */
  static final long SILENCE_CHECK_MILLIS = 2_000;

  private final AgentEngine engine;
  private final SessionLog log;
  private final EventRenderer renderer;
  private final Approvals approvals;
  private final String clientName;
  private final Consumer<String> warnings;

  /**
   * {@code warnings} gets one line for the person when the turn has stopped but its end cannot be
   * recorded yet (the session store is full or unreachable): the log then stays silent until the
   * engine manages to record it, and without a word this would look like a hang.
   */
  public TurnDriver(AgentEngine engine, SessionLog log, EventRenderer renderer, Approvals approvals, String clientName,
      Consumer<String> warnings) {
    this.engine = engine;
    this.log = log;
    this.renderer = renderer;
    this.approvals = approvals;
    this.clientName = clientName;
    this.warnings = warnings;
  }

  /** Runs the turn to its end; an interrupt of the calling thread cancels the turn. */
  public Result run(String prompt) {
    var queue = new LinkedBlockingQueue<SessionEvent>();
    try (var sub = log.subscribe(log.lastSeq(), queue::add)) {
      var outcome = engine.submit(log.sessionId(), new Submission.Prompt(prompt));
      if (!outcome.accepted()) {
        throw new LocalAgentException(GeneralErrors.USAGE, outcome.message(), "wait for the running turn to end");
      }
      return pump(queue);
    } finally {
      renderer.finish();
    }
  }

  private Result pump(LinkedBlockingQueue<SessionEvent> queue) {
    ErrorRaised lastError = null;
    boolean cancelled = false;
    String warned = null;
    while (true) {
      SessionEvent event;
      try {
        event = queue.poll(SILENCE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        if (event == null) {
          String why = engine.unrecordedEnd(log.sessionId()).orElse(null);
          if (why != null && !why.equals(warned)) {
            warnings.accept("the turn stopped, and its end cannot be written to session " + log.sessionId()
                + " yet (" + why + "); it is written as soon as the session store takes it again:"
                + " free disk space or fix the store, or press Ctrl-C to quit");
            warned = why;
          }
          continue;
        }
      } catch (InterruptedException e) {
        if (!cancelled) {
          engine.submit(log.sessionId(), new Submission.Cancel());
          cancelled = true;
        }
        continue; // Keep draining until the engine confirms with turn.done.
      }
      renderer.render(event);
      switch (event.event()) {
        case ApprovalRequested request -> answer(request);
        case ErrorRaised error -> lastError = error;
        case TurnDone done -> {
          return new Result(done, lastError);
        }
        default -> {}
      }
    }
  }

  private void answer(ApprovalRequested request) {
    Decision decision;
    try {
      decision = approvals.decide(request);
    } catch (InterruptedException e) {
      engine.submit(log.sessionId(), new Submission.Cancel());
      return;
    }
    // Refused when another client answered first; the log shows whose answer counted.
    engine.submit(log.sessionId(), new Submission.ApprovalReply(request.approvalId(), decision, clientName));
  }
}
