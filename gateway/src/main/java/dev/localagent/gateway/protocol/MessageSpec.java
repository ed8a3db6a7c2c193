package dev.localagent.gateway.protocol;

import java.util.Objects;

/**
 * One row of the protocol table: a client message's wire name, its params record, the frame
 * type of its reply ({@code reply}, or {@code pong} for ping) and the reply record.
 */
public record MessageSpec<P extends Record, R extends Record>(
    String type, Class<P> params, String replyType, Class<R> reply, String summary) {
  public MessageSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(replyType, "replyType");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(summary, "summary");
  }
}
