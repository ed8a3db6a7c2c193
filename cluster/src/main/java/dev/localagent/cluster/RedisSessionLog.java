package dev.localagent.cluster;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.EventHistory;
import dev.localagent.core.session.EventJson;
import dev.localagent.core.session.SessionLog;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A session log whose truth is one Redis Stream, {@code la:session:{id}:events}, with entry id
 * {@code <seq>-0}. This process keeps a mirror of the stream in an {@link EventHistory}, so
 * reads and subscriptions are local and keep the {@link SessionLog} contract (history, then live,
 * each event once, in order):
 *
 * <ul>
 *   <li>on the instance holding the session's lease, {@link #append} queues the event and the
 *       log writes the queue through a fenced script, many events per call (group commit: at
 *       most one script per session is running; whatever was appended meanwhile goes in the next
 *       one, so a lone event is sent at once and a burst costs one round trip per burst); an
 *       event joins the mirror, and so reaches subscribers, only once Redis took it;
 *   <li>on every other instance, the {@link StreamReader} reads new entries with {@code XREAD
 *       BLOCK} from the mirror's last seq while anyone here is subscribed ({@link #applyRemote}).
 * </ul>
 *
 * <p>When an append returns: for {@code turn.done}, {@code tool.call.started}, {@code
 * tool.call.finished} and the approval events, once Redis holds the event and every event before
 * it; for the others ({@code user.message}, {@code model.delta}, {@code model.message}, {@code
 * tool.output}, {@code error}) as soon as the event has its seq and is queued. Every event of the
 * second kind is followed in its turn by one of the first, so when {@code turn.done} is appended
 * the whole turn is in Redis. A write that fails takes every event queued after it with it (none
 * of them was ever visible); the failure is thrown by the append that waited for it or, when
 * nobody waited, by the next append, which first re-reads the stream so the mirror matches Redis.
 * Durable means held by Redis: whether that survives a Redis crash is Redis's persistence setting.
 *
 * <p>Because the stream id is the seq, "after seq N" is the stream position {@code N-0}: the
 * reader can neither skip an entry nor see one twice, and a second writer's XADD with a used seq
 * is refused by Redis itself.
 */
public final class RedisSessionLog implements SessionLog {
  private static final int PAGE = 1_000;
  /** The most events one append script writes: bounds the time Redis spends in one call. */
  static final int MAX_BATCH = 256;
  /** Events queued beyond this make their appender wait, so a slow Redis cannot grow memory. */
  private static final int MAX_QUEUED = 4_096;

  private final String sessionId;
  private final RedisCommands<String, String> redis;
  private final RedisScripts scripts;
  private final Leases leases;
  private final StreamReader reader;
  private final Clock clock;
  private final Executor writeCallbacks;
  private final EventHistory history = new EventHistory(List.of()); // Guarded by this.
  private final ArrayDeque<PendingAppend> queued = new ArrayDeque<>(); // Guarded by this.
  private List<PendingAppend> inFlight = List.of(); // Guarded by this; empty while no script runs.
  private LocalAgentException deferredFailure; // Guarded by this; not yet reported to an appender.
  private boolean resync; // Guarded by this; the mirror may lag Redis after a failed write.
  private int subscribers; // Guarded by this.
  private boolean closed; // Guarded by this.

  RedisSessionLog(String sessionId, RedisLinks links) {
    this.sessionId = sessionId;
    this.redis = links.redis();
    this.scripts = links.scripts();
    this.leases = links.leases();
    this.reader = links.reader();
    this.clock = links.clock();
    this.writeCallbacks = links.writeCallbacks();
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

  /**
   * While this instance holds the lease, an append refused because Redis is unreachable can
   * succeed once it is back; without the lease, another instance writes the session.
   */
  @Override
  public synchronized boolean writable() {
    return !closed && writtenHere();
  }

  String streamKey() {
    return RedisKeys.events(sessionId);
  }

  /**
   * Gives the event the next seq and has it written to the stream, if this instance holds the
   * session's lease. Returns at once or once Redis took it, by the kind of event (see the class
   * comment); subscribers get it once Redis took it, never before.
   *
   * @throws LocalAgentException LA-CLUSTER-002 when the lease is not (or no longer) ours: the
   *     event was not written; LA-CLUSTER-001 when Redis cannot be reached. Either may report an
   *     earlier event's failed write (one whose append did not wait): that event and this one were
   *     not written.
   */
  @Override
  public SessionEvent append(Event event) {
    Objects.requireNonNull(event, "event");
    PendingAppend pending;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("session log " + sessionId + " is closed");
      }
      recoverFromFailure();
      if (leases.token(sessionId) == null) {
        throw notOwner("this instance does not hold its lease");
      }
      var stored = new SessionEvent(sessionId, nextSeq(), clock.millis(), event);
      pending = PendingAppend.of(stored, queued.size() >= MAX_QUEUED);
      queued.add(pending);
      if (inFlight.isEmpty()) {
        sendNext();
      }
    }
    if (pending.written() != null) {
      awaitWritten(pending.written());
    }
    return pending.stored();
  }

  /**
   * One past the last seq given out: the last queued or in-flight event's, or the mirror's when
   * none is pending. Not the mirror's last seq plus the pending count: a stream reader that
   * followed the session before this instance took its lease can bring in-flight events back into
   * the mirror before their write is answered, and they would then be counted twice (a gap, which
   * the append script refuses, and the turn's events with it).
   */
  private long nextSeq() {
    PendingAppend last = !queued.isEmpty() ? queued.peekLast() : inFlight.isEmpty() ? null : inFlight.getLast();
    return Math.max(history.lastSeq(), last == null ? 0 : last.stored().seq()) + 1;
  }

  /** After a failed write: report it once, then re-read the stream so the mirror matches Redis. */
  private void recoverFromFailure() {
    if (deferredFailure != null) {
      LocalAgentException failure = deferredFailure;
      deferredFailure = null;
      throw new LocalAgentException(failure.code(), failure.getMessage(), failure.hint(), failure);
    }
    if (resync) {
      catchUp(); // Throws while Redis is still unreachable; then the next append tries again.
      resync = false;
    }
  }

  /** Sends up to {@link #MAX_BATCH} queued events as one fenced script. Called under the lock. */
  private void sendNext() {
    var batch = new ArrayList<PendingAppend>(Math.min(queued.size(), MAX_BATCH));
    while (!queued.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queued.poll());
    }
    inFlight = batch;
    String token = leases.token(sessionId);
    if (token == null) {
      writeCallbacks.execute(() -> written(batch, notOwner("its lease was lost before the write")));
      return;
    }
    String[] keys = {RedisKeys.lease(sessionId), streamKey(), RedisKeys.meta(sessionId), RedisKeys.SESSION_INDEX};
    try {
      scripts.appendAsync(keys, PendingAppend.scriptArgs(token, sessionId, batch))
          .whenCompleteAsync((last, error) -> written(batch, error), writeCallbacks);
    } catch (RedisException e) {
      writeCallbacks.execute(() -> written(batch, e));
    }
  }

  /**
   * A script's answer, on a callback thread (never Lettuce's I/O thread: catching up holds this
   * lock while it waits for Redis). Written events join the mirror, in seq order, under the lock;
   * a failure drops the batch and everything queued after it.
   */
  private void written(List<PendingAppend> batch, Throwable error) {
    LocalAgentException failure = error == null ? null : PendingAppend.failure(sessionId, RedisScripts.unwrap(error));
    var dropped = new ArrayList<PendingAppend>();
    synchronized (this) {
      inFlight = List.of();
      if (failure == null) {
        for (PendingAppend pending : batch) {
          if (pending.stored().seq() == history.lastSeq() + 1) { // Else the reader already brought it.
            history.add(pending.stored());
          }
        }
      } else {
        dropped.addAll(batch);
        dropped.addAll(queued);
        queued.clear();
        deferredFailure = failure;
        resync = true;
      }
      if (!queued.isEmpty() && !closed) {
        sendNext();
      }
    }
    for (PendingAppend pending : failure == null ? batch : dropped) {
      if (pending.written() != null) {
        if (failure == null) {
          pending.written().complete(null);
        } else {
          pending.written().completeExceptionally(failure);
        }
      }
    }
  }

  private void awaitWritten(CompletableFuture<Void> written) {
    try {
      written.join();
    } catch (CompletionException e) {
      synchronized (this) {
        if (deferredFailure == e.getCause()) {
          deferredFailure = null; // Reported here; the next append must not report it again.
        }
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  private LocalAgentException notOwner(String why) {
    return PendingAppend.notOwner(sessionId, why);
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
    // The mirror may not have reached afterSeq yet (a client resuming here with a seq it got
    // from the writing instance): the events up to it, when they arrive, are not delivered again.
    Subscription inner = history.subscribe(afterSeq, event -> {
      if (event.seq() > afterSeq) {
        subscriber.onEvent(event);
      }
    });
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

  /** Stops delivery; events still queued are dropped unwritten (their waiters get an error). */
  @Override
  public void close() {
    List<PendingAppend> dropped;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      history.clearSubscribers();
      if (subscribers > 0) {
        reader.unfollow(this);
      }
      subscribers = 0;
      dropped = List.copyOf(queued);
      queued.clear();
    }
    var failure = new IllegalStateException("session log " + sessionId + " closed before the event was written");
    for (PendingAppend pending : dropped) {
      if (pending.written() != null) {
        pending.written().completeExceptionally(failure);
      }
    }
  }
}
