package dev.localagent.core.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * What the monitor reads at one instant. Counters ({@code delivered}, {@code requests},
 * {@code failures}) only grow; the evaluator turns them into rates over its window.
 *
 * @param residentBytes the process's resident set (0 where the OS does not tell)
 * @param heapUsedBytes the Java heap in use
 * @param delivered session events the gateway has written to clients so far
 * @param backlogged whether clients were waiting for events the gateway had not delivered yet
 *     (a connection was paused for reading too slowly)
 * @param requests tool calls and gateway requests so far
 * @param failures those that failed
 * @param pluginLoad the last plugin discovery, or null when none has been measured
 */
public record MetricSample(Instant at, long residentBytes, long heapUsedBytes, long delivered, boolean backlogged,
    long requests, long failures, PluginLoad pluginLoad) {

  /** Discovering and resolving {@code plugins} plugins took {@code took}. */
  public record PluginLoad(int plugins, Duration took) {}
}
