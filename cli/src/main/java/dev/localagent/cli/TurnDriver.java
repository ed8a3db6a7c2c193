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

  private final AgentEngine engine;
  private final SessionLog log;
  private final EventRenderer renderer;
  private final Approvals approvals;
  private final String clientName;

  public TurnDriver(AgentEngine engine, SessionLog log, EventRenderer renderer, Approvals approvals, String clientName) {
    this.engine = engine;
    this.log = log;
    this.renderer = renderer;
    this.approvals = approvals;
    this.clientName = clientName;
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
    while (true) {
      SessionEvent event;
      try {
        event = queue.take();
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
