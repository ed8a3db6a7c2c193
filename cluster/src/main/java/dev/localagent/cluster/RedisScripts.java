package dev.localagent.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The Lua scripts that make a check and a write one atomic step in Redis. Sent once with SCRIPT
 * LOAD and run by digest; reloaded if Redis was restarted and forgot them.
 */
final class RedisScripts {
  /**
   * Appends a run of events, fenced and all or nothing: only the holder of the session's current
   * lease token may write, and only from the next seq on. KEYS: lease, events, meta, index.
   * ARGV: token, first seq, ts of the last event, session id, title ('' when none), then one
   * event json per event, in seq order. The summary hash and the index are touched once per run.
   */
  static final String APPEND = """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then
        return redis.error_reply('FENCED the lease of this session is not held with this token')
      end
      local last = tonumber(redis.call('HGET', KEYS[3], 'last') or '0')
      local first = tonumber(ARGV[2])
      if first ~= last + 1 then
        return redis.error_reply('SEQ the next seq is ' .. (last + 1))
      end
      for i = 6, #ARGV do
        redis.call('XADD', KEYS[2], string.format('%d-0', first + i - 6), 'e', ARGV[i])
      end
      local newLast = first + #ARGV - 6
      redis.call('HSET', KEYS[3], 'last', string.format('%d', newLast), 'updated', ARGV[3])
      if ARGV[5] ~= '' then redis.call('HSETNX', KEYS[3], 'title', ARGV[5]) end
      redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4])
      return newLast
      """;

  /** Creates a session if the id is free. KEYS: meta, index. ARGV: ts, session id. */
  static final String CREATE = """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'created', ARGV[1], 'updated', ARGV[1], 'last', '0')
      redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
      return 1
      """;

  /** Extends a lease only while it is still ours. KEYS: lease. ARGV: token, ttl ms. */
  static final String RENEW = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 0
      """;

  /** Gives a lease up only while it is still ours. KEYS: lease. ARGV: token. */
  static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private final RedisCommands<String, String> redis;
  private final RedisAsyncCommands<String, String> async;
  private volatile String appendSha;
  private volatile String createSha;
  private volatile String renewSha;
  private volatile String releaseSha;

  RedisScripts(RedisCommands<String, String> redis, RedisAsyncCommands<String, String> async) {
    this.redis = redis;
    this.async = async;
    load();
  }

  private void load() {
    appendSha = redis.scriptLoad(APPEND);
    createSha = redis.scriptLoad(CREATE);
    renewSha = redis.scriptLoad(RENEW);
    releaseSha = redis.scriptLoad(RELEASE);
  }

  /**
   * Sends {@link #APPEND} without waiting: the stage completes with the new last seq once Redis
   * ran it. Commands on one connection run in the order sent, so appends sent one after another
   * land in that order. A script cache emptied by a Redis restart is refilled with an
   * asynchronous SCRIPT LOAD, so nothing here blocks Lettuce's I/O thread.
   */
  CompletionStage<Long> appendAsync(String[] keys, String[] args) {
    return async.<Long>evalsha(appendSha, ScriptOutputType.INTEGER, keys, args)
        .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
            ? async.scriptLoad(APPEND).thenCompose(sha -> {
                appendSha = sha;
                return async.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args);
              })
            : CompletableFuture.failedStage(unwrap(e)));
  }

  static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  long create(String[] keys, String... args) {
    return run(Script.CREATE, keys, args);
  }

  long renew(String[] keys, String... args) {
    return run(Script.RENEW, keys, args);
  }

  long release(String[] keys, String... args) {
    return run(Script.RELEASE, keys, args);
  }

  private enum Script { CREATE, RENEW, RELEASE }

  private long run(Script script, String[] keys, String[] args) {
    try {
      return call(script, keys, args);
    } catch (RedisNoScriptException e) {
      load(); // Redis restarted (or SCRIPT FLUSH): its script cache is empty.
      return call(script, keys, args);
    }
  }

  private long call(Script script, String[] keys, String[] args) {
    String sha = switch (script) {
      case CREATE -> createSha;
      case RENEW -> renewSha;
      case RELEASE -> releaseSha;
    };
    Long result = redis.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
    return result == null ? 0 : result;
  }
}
