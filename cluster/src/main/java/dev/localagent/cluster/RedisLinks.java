package dev.localagent.cluster;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What a node's session store and each of its logs share: one node's Redis connections and lease
 * book, and the executor that runs the answers to asynchronous appends off Lettuce's I/O thread.
 */
record RedisLinks(RedisCommands<String, String> redis, RedisScripts scripts, Leases leases, StreamReader reader,
    Clock clock, Executor writeCallbacks) {}
