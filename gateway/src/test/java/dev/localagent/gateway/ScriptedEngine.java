package dev.localagent.gateway;

import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.agent.Submission;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.session.SessionStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test engine that answers a prompt by streaming its words back as model.delta events, then
 * model.message and turn.done. A prompt starting with "approve:" first raises an approval and
 * waits for the first reply; a prompt starting with "hold:" waits until cancelled.
 */
final class ScriptedEngine implements AgentEngine {
  private final SessionStore store;
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> approvals = new ConcurrentHashMap<>();
  private final Map<String, ApprovalDecided.Decision> decisions = new ConcurrentHashMap<>();

  ScriptedEngine(SessionStore store) {
    this.store = store;
  }

  @Override
  public Outcome submit(String sessionId, Submission submission) {
    SessionLog log = store.open(sessionId).orElse(null);
    if (log == null) {
      return Outcome.refused("LA-GEN-003", "no session " + sessionId);
    }
    return switch (submission) {
      case Submission.Prompt prompt -> start(log, prompt.text());
      case Submission.Cancel cancel -> cancel(sessionId);
      case Submission.ApprovalReply reply -> answer(log, reply);
    };
  }

  private Outcome start(SessionLog log, String text) {
    var thread = Thread.ofVirtual().unstarted(() -> turn(log, text));
    if (running.putIfAbsent(log.sessionId(), thread) != null) {
      return Outcome.refused("LA-GATEWAY-005", "a turn is already running");
    }
    thread.start();
    return Outcome.ACCEPTED;
  }

  private void turn(SessionLog log, String text) {
    try {
      log.append(new UserMessage(text));
      if (text.startsWith("hold:")) {
        new CountDownLatch(1).await();
      }
      if (text.startsWith("approve:")) {
        String approvalId = "ap-" + log.lastSeq();
        var latch = new CountDownLatch(1);
        approvals.put(approvalId, latch);
        log.append(new ApprovalRequested(approvalId, "call-1", "shell", text.substring(8)));
        latch.await();
      }
      for (String word : text.split(" ")) {
        log.append(new ModelDelta(word + " "));
      }
      log.append(new ModelMessage(text, List.of(), null));
      log.append(new TurnDone(TurnDone.Reason.COMPLETED, 1));
    } catch (InterruptedException e) {
      log.append(new TurnDone(TurnDone.Reason.CANCELLED, 0));
    } finally {
      running.remove(log.sessionId());
    }
  }

  private Outcome cancel(String sessionId) {
    Thread thread = running.get(sessionId);
    if (thread == null) {
      return Outcome.refused("LA-GATEWAY-005", "no turn is running");
    }
    thread.interrupt();
    return Outcome.ACCEPTED;
  }

  private Outcome answer(SessionLog log, Submission.ApprovalReply reply) {
    CountDownLatch latch = approvals.remove(reply.approvalId());
    if (latch == null) {
      return Outcome.refused("LA-GATEWAY-006", "approval " + reply.approvalId() + " was already answered");
    }
    decisions.put(reply.approvalId(), reply.decision());
    log.append(new ApprovalDecided(reply.approvalId(), reply.decision(), reply.decidedBy()));
    latch.countDown();
    return Outcome.ACCEPTED;
  }

  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Thread thread : running.values()) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      thread.interrupt();
    }
  }
}
