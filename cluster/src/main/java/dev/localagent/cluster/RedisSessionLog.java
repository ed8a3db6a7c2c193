package dev.localagent.cluster;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.EventHistory;
import dev.localagent.core.session.EventJson;
import dev.localagent.core.session.SessionLog;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A session log whose truth is one Redis Stream, {@code la:session:{id}:events}, with entry id
 * {@code <seq>-0}. This process keeps a mirror of the stream in an {@link EventHistory}, so
 * reads and subscriptions are local and keep the {@link SessionLog} contract (history, then live,
 * each event once, in order):
 *
 * <ul>
 *   <li>on the instance holding the session's lease, {@link #append} writes through a fenced
 *       script and, once Redis took it, adds the event to the mirror;
 *   <li>on every other instance, the {@link StreamReader} reads new entries with {@code XREAD
 *       BLOCK} from the mirror's last seq while anyone here is subscribed ({@link #applyRemote}).
 * </ul>
 *
 * <p>Because the stream id is the seq, "after seq N" is the stream position {@code N-0}: the
 * reader can neither skip an entry nor see one twice, and a second writer's XADD with a used seq
 * is refused by Redis itself.
 */
public final class RedisSessionLog implements SessionLog {
  private static final int PAGE = 1_000;

  private final String sessionId;
  private final RedisCommands<String, String> redis;
  private final RedisScripts scripts;
  private final Leases leases;
  private final StreamReader reader;
  private final Clock clock;
  private final EventHistory history = new EventHistory(List.of()); // Guarded by this.
  private int subscribers; // Guarded by this.
  private boolean closed; // Guarded by this.

  RedisSessionLog(String sessionId, RedisLinks links) {
    this.sessionId = sessionId;
    this.redis = links.redis();
    this.scripts = links.scripts();
    this.leases = links.leases();
    this.reader = links.reader();
    this.clock = links.clock();
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  /**
   * Whether this instance holds the session's lease: then it is the only writer and its mirror is
   * complete, so the stream reader need not read its own appends back.
   */
  boolean writtenHere() {
    return leases.token(sessionId) != null;
  }

  String streamKey() {
    return RedisKeys.events(sessionId);
  }

  /**
   * Writes the event to the stream as the next seq, if this instance holds the session's lease.
   *
   * @throws LocalAgentException LA-CLUSTER-002 when the lease is not (or no longer) ours: the
   *     event was not written; LA-CLUSTER-001 when Redis cannot be reached
   */
  @Override
  public synchronized SessionEvent append(Event event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      throw new IllegalStateException("session log " + sessionId + " is closed");
    }
    String token = leases.token(sessionId);
    if (token == null) {
      throw notOwner("this instance does not hold its lease");
    }
    var stored = new SessionEvent(sessionId, history.lastSeq() + 1, clock.millis(), event);
    String title = event instanceof UserMessage user ? titleOf(user.text()) : "";
    try {
      scripts.append(new String[] {RedisKeys.lease(sessionId), streamKey(), RedisKeys.meta(sessionId),
          RedisKeys.SESSION_INDEX}, token, Long.toString(stored.seq()), Long.toString(stored.timestampMillis()),
          EventJson.toLine(stored), sessionId, title);
    } catch (RedisCommandExecutionException e) {
      throw notOwner(firstWord(e.getMessage()).equals("SEQ")
          ? "another writer appended first (" + e.getMessage() + ")" : "its lease went to another instance");
    } catch (RedisException e) {
      throw ClusterNode.unavailable("append to session " + sessionId, e);
    }
    // Delivered under the lock so every subscriber sees events in seq order exactly once.
    history.add(stored);
    return stored;
  }

  private LocalAgentException notOwner(String why) {
    return new LocalAgentException(ClusterErrors.NOT_OWNER,
        "session " + sessionId + " was not written: " + why,
        "another instance runs this session now; send the submission again and it is routed there");
  }

  /** Events read from the stream by another path: added when they are the next seq, else ignored. */
  synchronized void applyRemote(List<SessionEvent> events) {
    for (SessionEvent event : events) {
      if (event.seq() == history.lastSeq() + 1) {
        history.add(event);
      }
    }
  }

  /** Reads every stream entry after the mirror's last seq (on open, and before taking over). */
  synchronized void catchUp() {
    while (true) {
      List<SessionEvent> page = readStream(history.lastSeq(), PAGE);
      applyRemote(page);
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  /** Up to {@code max} events after {@code afterSeq}, straight from Redis. */
  List<SessionEvent> readStream(long afterSeq, int max) {
    try {
      List<StreamMessage<String, String>> messages = redis.xrange(streamKey(),
          Range.create((afterSeq + 1) + "-0", "+"), Limit.from(max));
      return messages.stream().map(this::decode).toList();
    } catch (RedisException e) {
      throw ClusterNode.unavailable("read session " + sessionId, e);
    }
  }

  SessionEvent decode(StreamMessage<String, String> message) {
    return EventJson.fromLine(sessionId, message.getBody().get("e"));
  }

  @Override
  public synchronized long lastSeq() {
    return history.lastSeq();
  }

  @Override
  public synchronized List<SessionEvent> read(long afterSeq, int max) {
    return history.read(afterSeq, max);
  }

  /** Subscribes from the mirror; the first subscriber starts following the stream. */
  @Override
  public synchronized Subscription subscribe(long afterSeq, SessionSubscriber subscriber) {
    Subscription inner = history.subscribe(afterSeq, subscriber);
    if (subscribers++ == 0) {
      reader.follow(this);
    }
    return new Subscription() {
      private boolean done; // Guarded by RedisSessionLog.this.

      @Override
      public void close() {
        synchronized (RedisSessionLog.this) {
          if (done) {
            return;
          }
          done = true;
          inner.close();
          if (--subscribers == 0) {
            reader.unfollow(RedisSessionLog.this);
          }
        }
      }
    };
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    history.clearSubscribers();
    if (subscribers > 0) {
      reader.unfollow(this);
    }
    subscribers = 0;
  }

  private static String titleOf(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  private static String firstWord(String message) {
    if (message == null) {
      return "";
    }
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }
}
