package dev.localagent.core.monitor;

import java.time.Instant;

/** Reads the current figures; called by the monitor on its schedule. */
@FunctionalInterface
public interface MetricSource {
  MetricSample sample(Instant now);
}
