package dev.localagent.api.event;

import java.util.Objects;

/** The answer to an {@link ApprovalRequested}; {@code decidedBy} names who answered. */
public record ApprovalDecided(String approvalId, Decision decision, String decidedBy)
    implements Event {
  public static final String TYPE = "approval.decision";

  /** What the person chose. */
  public enum Decision {
    ALLOW_ONCE,
    ALLOW_SESSION,
    DENY
  }

  public ApprovalDecided {
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(decidedBy, "decidedBy");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
