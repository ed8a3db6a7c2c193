package dev.localagent.cluster;

import dev.localagent.api.event.SessionEvent;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread per instance that blocks on Redis: {@code XREAD BLOCK} over this instance's
 * inbox and the stream of every session someone here is subscribed to, each from the position it
 * has reached. Session entries go to their log's mirror; inbox entries (forwarded submissions,
 * replies) to the inbox handler. A change in the followed set wakes the read with an inbox entry
 * so the next XREAD includes the new stream.
 *
 * <p>It holds its own connection: a blocking command would stall every other command sharing a
 * Lettuce connection.
 */
final class StreamReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
  private static final Duration BLOCK = Duration.ofSeconds(2);
  private static final int BATCH = 512;
  private static final long INBOX_MAX = 10_000;
  static final String KIND = "kind";
  static final String WAKE = "wake";

  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands; // Shared, non-blocking use only.
  private final String inboxKey;
  private final Map<String, RedisSessionLog> followed = new ConcurrentHashMap<>();
  private volatile Consumer<Map<String, String>> inbox = message -> {};
  private volatile boolean running = true;
  private final Thread thread;
  private String inboxPosition = "0-0"; // Only the reader thread touches it.
  private boolean failing; // Only the reader thread touches it.

  StreamReader(StatefulRedisConnection<String, String> connection, RedisCommands<String, String> commands,
      String inboxKey) {
    this.connection = connection;
    this.commands = commands;
    this.inboxKey = inboxKey;
    this.thread = Thread.ofPlatform().daemon().name("cluster-stream-reader").unstarted(this::loop);
  }

  void start() {
    thread.start();
  }

  /** Where inbox entries other than wake-ups go (the cluster engine, once there is one). */
  void inboxHandler(Consumer<Map<String, String>> handler) {
    this.inbox = handler;
  }

  void follow(RedisSessionLog log) {
    followed.put(log.streamKey(), log);
    wake();
  }

  void unfollow(RedisSessionLog log) {
    followed.remove(log.streamKey(), log);
  }

  int followedCount() {
    return followed.size();
  }

  /** Adds an entry to this instance's inbox, so a blocked XREAD returns and re-reads the set. */
  void wake() {
    try {
      commands.xadd(inboxKey, new XAddArgs().maxlen(INBOX_MAX).approximateTrimming(), KIND, WAKE);
    } catch (RedisException e) {
      LOG.debug("cluster: waking the stream reader failed; it re-reads within {}", BLOCK, e);
    }
  }

  private void loop() {
    var sync = connection.sync();
    while (running) {
      List<StreamMessage<String, String>> messages;
      try {
        messages = sync.xread(XReadArgs.Builder.block(BLOCK).count(BATCH), offsets());
      } catch (RedisException e) {
        if (!running) {
          return;
        }
        if (!failing) { // Once per outage.
          failing = true;
          LOG.warn("cluster: reading streams from Redis failed ({}); retrying", e.getMessage());
        }
        pauseAfterFailure();
        continue;
      }
      failing = false;
      if (messages != null) {
        dispatch(messages);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private StreamOffset<String>[] offsets() {
    var offsets = new ArrayList<StreamOffset<String>>(followed.size() + 1);
    offsets.add(StreamOffset.from(inboxKey, inboxPosition));
    for (RedisSessionLog log : followed.values()) {
      if (!log.writtenHere()) {
        offsets.add(StreamOffset.from(log.streamKey(), log.lastSeq() + "-0"));
      }
    }
    return offsets.toArray(StreamOffset[]::new);
  }

  private void dispatch(List<StreamMessage<String, String>> messages) {
    RedisSessionLog current = null;
    var batch = new ArrayList<SessionEvent>();
    for (StreamMessage<String, String> message : messages) {
      if (message.getStream().equals(inboxKey)) {
        inboxPosition = message.getId();
        handleInbox(message.getBody());
        continue;
      }
      RedisSessionLog log = followed.get(message.getStream());
      if (log != current) {
        flush(current, batch);
        current = log;
      }
      if (log != null) {
        batch.add(log.decode(message));
      }
    }
    flush(current, batch);
  }

  private static void flush(RedisSessionLog log, List<SessionEvent> batch) {
    if (log != null && !batch.isEmpty()) {
      log.applyRemote(List.copyOf(batch));
    }
    batch.clear();
  }

  private void handleInbox(Map<String, String> body) {
    if (WAKE.equals(body.get(KIND))) {
      return;
    }
    try {
      inbox.accept(body);
    } catch (RuntimeException e) {
      LOG.warn("cluster: an inbox message could not be handled", e);
    }
  }

  private void pauseAfterFailure() {
    try {
      Thread.sleep(500); // Redis is down or restarting: retry at a modest pace, not in a hot loop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops the loop: the blocked read is woken by an inbox entry and the thread ends. */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(BLOCK.toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
  }

  /** Stops without a word to Redis (a crash): the connection is simply dropped. */
  void abandon() {
    running = false;
    connection.close();
  }
}
