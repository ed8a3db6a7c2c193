package dev.localagent.core.tool.chain;

import dev.localagent.api.tool.Tool;
import dev.localagent.core.policy.PolicyDecision;

/**
 * What the links of one call's chain learned, for the links after them and for the audit line:
 * the tool (null when unknown), the policy decision and the approval given. One per call,
 * confined to the calling thread.
 */
public final class CallNotes {
  private final Tool tool;
  private PolicyDecision decision;
  private String approval;

  CallNotes(Tool tool) {
    this.tool = tool;
  }

  /** The registered tool, or null when no tool has the requested name. */
  public Tool tool() {
    return tool;
  }

  public PolicyDecision decision() {
    return decision;
  }

  public void decision(PolicyDecision decision) {
    this.decision = decision;
  }

  /** How approval was given: ALLOW_ONCE, ALLOW_SESSION, DENY, or "session" for a remembered yes. */
  public String approval() {
    return approval;
  }

  public void approval(String approval) {
    this.approval = approval;
  }
}
