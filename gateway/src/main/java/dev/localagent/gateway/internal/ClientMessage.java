package dev.localagent.gateway.internal;

import dev.localagent.gateway.protocol.MessageSpec;

/**
 * One client frame as read, before any connection state is looked at: what the dispatcher
 * answers. Both readers ({@link FrameReader}'s streaming binder and {@link TreeFrameReader})
 * produce these, so a test can hold them side by side.
 */
sealed interface ClientMessage {
  /** Not one JSON object: answered with {@code LA-PROTO-001} and no id. */
  record Malformed(String detail) implements ClientMessage {}

  /** A {@code type} not in protocol v1 (null when absent): {@code LA-PROTO-002}. */
  record UnknownType(String id, String type) implements ClientMessage {}

  /** A known type whose fields do not bind to its params record: {@code LA-PROTO-003}. */
  record BadParams(String id, String type, String detail) implements ClientMessage {}

  /** A well-formed request; {@code id} is null when the client sent none. */
  record Request(String id, MessageSpec<?, ?> spec, Record params) implements ClientMessage {}
}
