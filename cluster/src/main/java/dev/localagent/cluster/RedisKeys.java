package dev.localagent.cluster;

/**
 * Every Redis key cluster mode uses, in one place. A session's keys share the hash tag
 * {@code {id}}, so its lease, stream and summary live in one slot.
 */
final class RedisKeys {
  static final String SESSION_INDEX = "la:sessions";

  private RedisKeys() {}

  /** The session's events: a stream whose entry ids are {@code <seq>-0}. */
  static String events(String sessionId) {
    return "la:session:{" + sessionId + "}:events";
  }

  /** The session's summary hash: created, updated, last (seq), title. */
  static String meta(String sessionId) {
    return "la:session:{" + sessionId + "}:meta";
  }

  /** Who runs the session's turns: {@code <instance>/<epoch>}, with a TTL. */
  static String lease(String sessionId) {
    return "la:session:{" + sessionId + "}:lease";
  }

  /** Counter that makes every lease token unique, so an old token never matches again. */
  static String epoch(String sessionId) {
    return "la:session:{" + sessionId + "}:epoch";
  }

  /** An instance's heartbeat; it exists while the instance is alive. */
  static String member(String instanceId) {
    return "la:member:" + instanceId;
  }

  static final String MEMBER_PATTERN = "la:member:*";

  /** An instance's inbox stream: forwarded submissions, their replies, and wake-ups. */
  static String inbox(String instanceId) {
    return "la:instance:" + instanceId + ":inbox";
  }
}
