package dev.localagent.gateway.protocol;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.core.session.SessionInfo;
import java.util.List;
import java.util.Map;

/**
 * The params and reply records of protocol v1. A client message is a JSON object with {@code
 * type}, an optional {@code id}, and the params fields at the top level; a reply carries the same
 * {@code id} and the reply record under {@code result}. {@link Protocol#MESSAGES} ties them to
 * wire names.
 */
public final class Messages {
  private Messages() {}

  /** Client capabilities announced in hello. */
  public record Capabilities(boolean batching) {}

  public record Hello(int protocol, String token, String client, Capabilities capabilities) {}

  public record Welcome(
      int protocol, String server, String connectionId, boolean batching, int batchMaxEvents,
      long batchMaxDelayMillis) {}

  public record SessionOpen(String title) {}

  public record SessionOpened(String sessionId, long lastSeq) {}

  public record SessionAttach(String sessionId, long fromSeq) {}

  public record SessionAttached(String sessionId, long lastSeq) {}

  public record SessionPrompt(String sessionId, String text) {}

  public record SessionCancel(String sessionId) {}

  public record Accepted(String sessionId) {}

  public record ToolInvoke(String sessionId, String tool, Map<String, Object> arguments) {}

  public record ToolInvoked(String tool, boolean ok, String content, String errorCode) {}

  public record ApprovalReply(String sessionId, String approvalId, Decision decision) {}

  public record SessionsList() {}

  public record SessionsListed(List<SessionInfo> sessions) {}

  public record Ping() {}

  public record Pong(long serverTimeMillis) {}
}
