package dev.localagent.core.agent;

import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.Approver;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The approver of one session: asks every attached client through the log and takes the first
 * reply. {@code approval.decision} is appended by the replying thread before the waiting tool
 * call wakes, so the log always shows the decision before the tool's output. "Allow for this
 * session" is remembered per tool name.
 */
final class SessionApprover implements Approver {
  private final SessionLog log;
  private final Map<String, Pending> pending = new HashMap<>(); // Guarded by this.
  private final Map<String, String> answered = new HashMap<>(); // Guarded by this.
  private final Set<String> allowedForSession = ConcurrentHashMap.newKeySet();
  private int nextId; // Guarded by this.

  private record Pending(String tool, CompletableFuture<Decision> decision) {}

  SessionApprover(SessionLog log) {
    this.log = log;
  }

  @Override
  public Decision ask(String callId, String tool, String summary) throws InterruptedException {
    if (allowedForSession.contains(tool)) {
      return Decision.ALLOW_SESSION;
    }
    String approvalId;
    var decision = new CompletableFuture<Decision>();
    synchronized (this) {
      approvalId = "ap-" + (++nextId) + "-" + callId;
      pending.put(approvalId, new Pending(tool, decision));
      log.append(new ApprovalRequested(approvalId, callId, tool, summary));
    }
    try {
      return decision.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("approval future failed", e.getCause());
    } finally {
      synchronized (this) {
        pending.remove(approvalId);
      }
    }
  }

  /** Applies a reply; the first one for an approval wins. */
  synchronized AgentEngine.Outcome reply(String approvalId, Decision decision, String decidedBy) {
    String earlier = answered.get(approvalId);
    if (earlier != null) {
      return AgentEngine.Outcome.refused(
          AgentErrors.ALREADY_ANSWERED.id(), "approval " + approvalId + " was already answered by " + earlier);
    }
    Pending waiting = pending.remove(approvalId);
    if (waiting == null) {
      return AgentEngine.Outcome.refused(
          AgentErrors.NO_SUCH_APPROVAL.id(), "no tool call is waiting for approval " + approvalId);
    }
    answered.put(approvalId, decidedBy);
    log.append(new ApprovalDecided(approvalId, decision, decidedBy));
    if (decision == Decision.ALLOW_SESSION) {
      allowedForSession.add(waiting.tool());
    }
    waiting.decision().complete(decision);
    return AgentEngine.Outcome.ACCEPTED;
  }
}
