package dev.localagent.cluster;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;

/** What a node's session store and each of its logs share: one node's Redis connections and lease book. */
record RedisLinks(RedisCommands<String, String> redis, RedisScripts scripts, Leases leases, StreamReader reader,
    Clock clock) {}
