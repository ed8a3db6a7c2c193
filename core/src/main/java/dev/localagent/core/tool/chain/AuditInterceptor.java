package dev.localagent.core.tool.chain;

import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.policy.AuditLog;
import dev.localagent.core.policy.PolicyDecision;
import dev.localagent.core.tool.ToolInvocation;

/** First link: writes one audit line per call, whatever the later links decide or throw. */
final class AuditInterceptor implements ToolInterceptor {
  private final AuditLog log;

  AuditInterceptor(AuditLog log) {
    this.log = log;
  }

  @Override
  public ToolResult intercept(Chain chain) throws InterruptedException {
    long start = System.nanoTime();
    ToolResult result = null;
    String outcome = "interrupted";
    try {
      result = chain.proceed(chain.invocation());
      outcome = result == null ? "error" : result.ok() ? "ok" : "error";
      return result;
    } finally {
      write(chain, result, outcome, (System.nanoTime() - start) / 1_000_000);
    }
  }

  private void write(Chain chain, ToolResult result, String outcome, long durationMs) {
    ToolInvocation invocation = chain.invocation();
    ToolCallRequest call = invocation.call();
    PolicyDecision decision = chain.notes().decision();
    boolean refused = decision != null && decision.verdict() == PolicyDecision.Verdict.DENY
        || "DENY".equals(chain.notes().approval());
    log.write(new AuditLog.Entry(invocation.sessionId(), call.id(), call.name(), call.arguments(),
        decision == null ? null : decision.verdict().name().toLowerCase(),
        decision == null ? null : decision.reason(),
        decision == null ? null : decision.rule(),
        chain.notes().approval(),
        refused ? "denied" : outcome,
        result == null || result.ok() ? null : result.errorCode(),
        durationMs));
  }
}
