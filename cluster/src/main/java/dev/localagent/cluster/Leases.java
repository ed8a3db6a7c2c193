package dev.localagent.cluster;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Session leases: the one instance that holds a session's lease runs its turns and may append to
 * its stream. A lease is {@code SET NX PX}; its value, the token {@code <instance>/<epoch>}, is
 * unique per grant, and every append checks it inside Redis (see {@link RedisScripts#APPEND}),
 * so an instance that lost its lease while paused cannot write even if it still believes it owns
 * the session.
 */
final class Leases {
  private final RedisCommands<String, String> redis;
  private final RedisScripts scripts;
  private final String instanceId;
  private final long ttlMillis;
  private final Map<String, String> held = new ConcurrentHashMap<>();
  private volatile Consumer<String> onLost = sessionId -> {};

  /** Who holds a lease now, and for how much longer unless renewed. */
  record Owner(String instanceId, String token, long remainingMillis) {}

  Leases(RedisCommands<String, String> redis, RedisScripts scripts, String instanceId, long ttlMillis) {
    this.redis = redis;
    this.scripts = scripts;
    this.instanceId = instanceId;
    this.ttlMillis = ttlMillis;
  }

  /** Called with the session id when a renewal finds that the lease went to someone else. */
  void onLost(Consumer<String> listener) {
    this.onLost = listener;
  }

  /** The token this instance holds for the session, or null. */
  String token(String sessionId) {
    return held.get(sessionId);
  }

  /** Takes the lease if nobody holds it; returns the new token, or null when it is taken. */
  String tryAcquire(String sessionId) {
    long epoch = redis.incr(RedisKeys.epoch(sessionId));
    String token = instanceId + "/" + epoch;
    String ok = redis.set(RedisKeys.lease(sessionId), token, SetArgs.Builder.nx().px(ttlMillis));
    if (!"OK".equals(ok)) {
      return null;
    }
    held.put(sessionId, token);
    return token;
  }

  /** The current holder, or null when the lease is free. */
  Owner owner(String sessionId) {
    String key = RedisKeys.lease(sessionId);
    String token = redis.get(key);
    if (token == null) {
      return null;
    }
    long remaining = Math.max(0, redis.pttl(key));
    int slash = token.lastIndexOf('/');
    return new Owner(slash < 0 ? token : token.substring(0, slash), token, remaining);
  }

  /** Extends every held lease; a lease found taken over is dropped and reported. */
  void renewAll() {
    for (var entry : List.copyOf(held.entrySet())) {
      String sessionId = entry.getKey();
      long renewed = scripts.renew(new String[] {RedisKeys.lease(sessionId)}, entry.getValue(),
          Long.toString(ttlMillis));
      if (renewed == 0 && held.remove(sessionId, entry.getValue())) {
        onLost.accept(sessionId);
      }
    }
  }

  /** Gives the lease up if it is still ours. */
  void release(String sessionId) {
    String token = held.remove(sessionId);
    if (token != null) {
      scripts.release(new String[] {RedisKeys.lease(sessionId)}, token);
    }
  }

  void releaseAll() {
    List.copyOf(held.keySet()).forEach(this::release);
  }

  /** Forgets every lease without touching Redis (a crash: they expire on their own). */
  void abandonAll() {
    held.clear();
  }

  int heldCount() {
    return held.size();
  }
}
