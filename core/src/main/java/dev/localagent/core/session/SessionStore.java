package dev.localagent.core.session;

import java.util.List;
import java.util.Optional;

/**
 * Where session logs live: JSONL files in the embedded default, Redis Streams in cluster mode.
 * Logs returned by one store instance for the same id are the same object, so all subscribers of
 * a session in this process share one delivery order.
 */
public interface SessionStore extends AutoCloseable {

  /** Creates an empty session with a fresh id. */
  SessionLog create();

  /** Opens an existing session, or empty when there is none with this id. */
  Optional<SessionLog> open(String id);

  /** All stored sessions, most recently updated first. */
  List<SessionInfo> list();

  /** Deletes a session; false when it did not exist. */
  boolean delete(String id);

  /** Flushes and closes every open log. */
  @Override
  void close();
}
