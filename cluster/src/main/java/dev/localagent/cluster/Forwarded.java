package dev.localagent.cluster;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.core.agent.AgentEngine.Outcome;
import dev.localagent.core.agent.Submission;
import java.util.HashMap;
import java.util.Map;

/**
 * The inbox wire form of a submission forwarded to the owning instance, and of its answer: flat
 * string fields of one stream entry.
 */
final class Forwarded {
  static final String COMMAND = "command";
  static final String REPLY = "reply";

  private Forwarded() {}

  /** A submission for {@code sessionId}, answered to {@code replyTo}'s inbox under {@code requestId}. */
  static Map<String, String> command(String requestId, String replyTo, String sessionId, Submission submission) {
    var fields = new HashMap<String, String>();
    fields.put(StreamReader.KIND, COMMAND);
    fields.put("req", requestId);
    fields.put("from", replyTo);
    fields.put("session", sessionId);
    switch (submission) {
      case Submission.Prompt p -> {
        fields.put("op", "prompt");
        fields.put("text", p.text());
      }
      case Submission.Cancel c -> fields.put("op", "cancel");
      case Submission.ApprovalReply r -> {
        fields.put("op", "approval");
        fields.put("approval", r.approvalId());
        fields.put("decision", r.decision().name());
        fields.put("by", r.decidedBy());
      }
    }
    return fields;
  }

  static Submission submission(Map<String, String> fields) {
    return switch (fields.getOrDefault("op", "")) {
      case "prompt" -> new Submission.Prompt(fields.get("text"));
      case "cancel" -> new Submission.Cancel();
      case "approval" -> new Submission.ApprovalReply(fields.get("approval"),
          Decision.valueOf(fields.get("decision")), fields.get("by"));
      default -> throw new IllegalArgumentException("unknown forwarded op '" + fields.get("op") + "'");
    };
  }

  static Map<String, String> reply(String requestId, Outcome outcome) {
    var fields = new HashMap<String, String>();
    fields.put(StreamReader.KIND, REPLY);
    fields.put("req", requestId);
    fields.put("accepted", outcome.accepted() ? "1" : "0");
    fields.put("code", outcome.code() == null ? "" : outcome.code());
    fields.put("message", outcome.message() == null ? "" : outcome.message());
    return fields;
  }

  static Outcome outcome(Map<String, String> fields) {
    if ("1".equals(fields.get("accepted"))) {
      return Outcome.ACCEPTED;
    }
    String code = fields.getOrDefault("code", "");
    return Outcome.refused(code.isEmpty() ? null : code, fields.getOrDefault("message", ""));
  }
}
