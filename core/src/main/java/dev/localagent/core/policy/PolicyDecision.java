package dev.localagent.core.policy;

import java.util.Objects;

/** What policy says about one tool call, why, and which rule said it (empty for none). */
public record PolicyDecision(Verdict verdict, String reason, String rule) {
  /** Run it, ask a person first, or refuse. */
  public enum Verdict {
    ALLOW,
    ASK,
    DENY
  }

  public PolicyDecision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    rule = rule == null ? "" : rule;
  }

  static PolicyDecision allow(String reason, String rule) {
    return new PolicyDecision(Verdict.ALLOW, reason, rule);
  }

  static PolicyDecision ask(String reason) {
    return new PolicyDecision(Verdict.ASK, reason, "");
  }

  static PolicyDecision deny(String reason, String rule) {
    return new PolicyDecision(Verdict.DENY, reason, rule);
  }
}
