package dev.localagent.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Lua scripts that make a check and a write one atomic step in Redis. Sent once with SCRIPT
 * LOAD and run by digest; reloaded if Redis was restarted and forgot them.
 */
final class RedisScripts {
  /**
   * Appends one event, fenced: only the holder of the session's current lease token may write,
   * and only the next seq. KEYS: lease, events, meta, index. ARGV: token, seq, ts, event json,
   * session id, title ('' when the event has none).
   */
  static final String APPEND = """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then
        return redis.error_reply('FENCED the lease of this session is not held with this token')
      end
      local last = tonumber(redis.call('HGET', KEYS[3], 'last') or '0')
      if tonumber(ARGV[2]) ~= last + 1 then
        return redis.error_reply('SEQ the next seq is ' .. (last + 1))
      end
      redis.call('XADD', KEYS[2], ARGV[2] .. '-0', 'e', ARGV[4])
      redis.call('HSET', KEYS[3], 'last', ARGV[2], 'updated', ARGV[3])
      if ARGV[6] ~= '' then redis.call('HSETNX', KEYS[3], 'title', ARGV[6]) end
      redis.call('ZADD', KEYS[4], ARGV[3], ARGV[5])
      return last + 1
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
  private volatile String appendSha;
  private volatile String createSha;
  private volatile String renewSha;
  private volatile String releaseSha;

  RedisScripts(RedisCommands<String, String> redis) {
    this.redis = redis;
    load();
  }

  private void load() {
    appendSha = redis.scriptLoad(APPEND);
    createSha = redis.scriptLoad(CREATE);
    renewSha = redis.scriptLoad(RENEW);
    releaseSha = redis.scriptLoad(RELEASE);
  }

  long append(String[] keys, String... args) {
    return run(Script.APPEND, keys, args);
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

  private enum Script { APPEND, CREATE, RENEW, RELEASE }

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
      case APPEND -> appendSha;
      case CREATE -> createSha;
      case RENEW -> renewSha;
      case RELEASE -> releaseSha;
    };
    Long result = redis.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
    return result == null ? 0 : result;
  }
}
