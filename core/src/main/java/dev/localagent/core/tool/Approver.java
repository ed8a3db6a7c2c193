package dev.localagent.core.tool;

import dev.localagent.api.event.ApprovalDecided.Decision;

/**
 * Asks a person whether a risky tool call may run. The engine implements it per session: it
 * emits {@code approval.request}, waits for the first reply from any attached client, and emits
 * {@code approval.decision}. Non-interactive runs answer from flags and fail closed.
 */
@FunctionalInterface
public interface Approver {
  Decision ask(String callId, String tool, String summary) throws InterruptedException;
}
