package dev.localagent.api.event;

import java.util.Objects;

/** The agent waits for a person to allow or deny a risky tool call. */
public record ApprovalRequested(String approvalId, String callId, String tool, String summary)
    implements Event {
  public static final String TYPE = "approval.request";

  public ApprovalRequested {
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(summary, "summary");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
