package dev.localagent.gateway.internal;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.session.SessionLog;
import dev.localagent.gateway.protocol.WireJson;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One feed per session with attached connections, so an event broadcast to many connections is
 * encoded to JSON once: the first connection to send seq N encodes it, the rest reuse the bytes.
 */
public final class SessionFeeds {
  private static final int RING_SLOTS = 256; // Power of two; covers a batch plus catch-up reads.

  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

  /** Returns the feed of this log's session, counting one more user. */
  Feed acquire(SessionLog log) {
    return feeds.compute(log.sessionId(), (id, feed) -> {
      Feed result = feed == null ? new Feed(log) : feed;
      result.users++;
      return result;
    });
  }

  /** Counts one user less; the feed is dropped with its last user. */
  void release(Feed released) {
    feeds.computeIfPresent(released.log.sessionId(), (id, feed) -> {
      if (feed != released) {
        return feed;
      }
      feed.users--;
      return feed.users == 0 ? null : feed;
    });
  }

  int size() {
    return feeds.size();
  }

  /** The shared encoding cache of one session. */
  static final class Feed {
    final SessionLog log;
    private final AtomicReferenceArray<Encoded> ring = new AtomicReferenceArray<>(RING_SLOTS);
    private int users; // Guarded by the map's compute lock.

    Feed(SessionLog log) {
      this.log = log;
    }

    byte[] encoded(SessionEvent event) {
      int slot = (int) (event.seq() & (RING_SLOTS - 1));
      Encoded cached = ring.get(slot);
      if (cached != null && cached.seq == event.seq()) {
        return cached.json;
      }
      byte[] json = WireJson.encodeEvent(event);
      ring.set(slot, new Encoded(event.seq(), json));
      return json;
    }
  }

  private record Encoded(long seq, byte[] json) {}
}
