package dev.localagent.core.agent;

import dev.localagent.api.event.ApprovalDecided;
import java.util.Objects;

/**
 * What a client (CLI chat, run, the gateway) submits to a session. The engine answers only with
 * events in the session log; each type below names the event that answers it.
 */
public sealed interface Submission {

  /** Starts a turn. Answered by {@code user.message}, then model/tool events, then {@code turn.done}. */
  record Prompt(String text) implements Submission {
    public Prompt {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Cancels the running turn. Answered by {@code turn.done} with reason CANCELLED. */
  record Cancel() implements Submission {}

  /**
   * Answers an approval request. Answered by {@code approval.decision}; the first reply wins and
   * later replies for the same approval are refused.
   */
  record ApprovalReply(String approvalId, ApprovalDecided.Decision decision, String decidedBy)
      implements Submission {
    public ApprovalReply {
      Objects.requireNonNull(approvalId, "approvalId");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(decidedBy, "decidedBy");
    }
  }
}
