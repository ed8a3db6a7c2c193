package dev.localagent.cluster;

import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionInfo;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.session.SessionStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in Redis, shared by every instance: a stream of events per session, a summary hash,
 * and the index {@code la:sessions} (a sorted set by last update) for {@code sessions.list}.
 * Open logs are cached, so every caller in this process shares one mirror per session. Ids have
 * the JSONL store's shape, with more randomness since many instances create them at once.
 */
public final class RedisSessionStore implements SessionStore {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final ClusterNode node;
  private final RedisLinks links;
  private final RedisCommands<String, String> redis;
  private final RedisScripts scripts;
  private final Clock clock;
  private final Map<String, RedisSessionLog> open = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  RedisSessionStore(ClusterNode node, RedisLinks links) {
    this.node = node;
    this.links = links;
    this.redis = links.redis();
    this.scripts = links.scripts();
    this.clock = links.clock();
  }

  @Override
  public SessionLog create() {
    for (int attempt = 0; attempt < 10; attempt++) {
      byte[] suffix = new byte[4];
      random.nextBytes(suffix);
      String id = ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
      long created;
      try {
        created = scripts.create(new String[] {RedisKeys.meta(id), RedisKeys.SESSION_INDEX},
            Long.toString(clock.millis()), id);
      } catch (RedisException e) {
        throw ClusterNode.unavailable("create a session", e);
      }
      if (created == 1) {
        return open.computeIfAbsent(id, this::newLog);
      }
    }
    throw new LocalAgentException(GeneralErrors.INTERNAL, "could not find a free session id in Redis", "try again");
  }

  @Override
  public Optional<SessionLog> open(String id) {
    return openLog(id).map(SessionLog.class::cast);
  }

  /** The mirror of a session, loaded from its stream on first use; empty when there is none. */
  Optional<RedisSessionLog> openLog(String id) {
    JsonlSessionStore.checkId(id);
    RedisSessionLog cached = open.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      if (redis.exists(RedisKeys.meta(id)) == 0) {
        return Optional.empty();
      }
    } catch (RedisException e) {
      throw ClusterNode.unavailable("open session " + id, e);
    }
    return Optional.of(open.computeIfAbsent(id, this::newLog));
  }

  private RedisSessionLog newLog(String id) {
    var log = new RedisSessionLog(id, links);
    log.catchUp();
    return log;
  }

  /** Every session, most recently updated first, with the title of its first prompt. */
  @Override
  public List<SessionInfo> list() {
    try {
      List<String> ids = redis.zrevrange(RedisKeys.SESSION_INDEX, 0, -1);
      var infos = new ArrayList<SessionInfo>(ids.size());
      for (String id : ids) {
        List<KeyValue<String, String>> fields = redis.hmget(RedisKeys.meta(id), "title", "last", "created", "updated");
        if (fields.get(2).hasValue()) { // Deleted between the two reads otherwise.
          infos.add(new SessionInfo(id, fields.get(0).getValueOrElse(""), number(fields.get(1)),
              number(fields.get(2)), number(fields.get(3))));
        }
      }
      return infos;
    } catch (RedisException e) {
      throw ClusterNode.unavailable("list sessions", e);
    }
  }

  private static long number(KeyValue<String, String> field) {
    return field.hasValue() ? Long.parseLong(field.getValue()) : 0;
  }

  @Override
  public boolean delete(String id) {
    JsonlSessionStore.checkId(id);
    RedisSessionLog live = open.remove(id);
    if (live != null) {
      live.close();
    }
    try {
      long removed = redis.del(RedisKeys.meta(id), RedisKeys.events(id), RedisKeys.lease(id), RedisKeys.epoch(id));
      redis.zrem(RedisKeys.SESSION_INDEX, id);
      return removed > 0;
    } catch (RedisException e) {
      throw ClusterNode.unavailable("delete session " + id, e);
    }
  }

  /** Closes every mirror, then the node (connections, heartbeat, reader): the gateway closes the store last. */
  @Override
  public void close() {
    open.values().forEach(RedisSessionLog::close);
    open.clear();
    node.close();
  }
}
