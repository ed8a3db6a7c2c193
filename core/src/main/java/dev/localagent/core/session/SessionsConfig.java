package dev.localagent.core.session;

import dev.localagent.core.config.ConfigSection;
import dev.localagent.core.error.LocalAgentException;
import java.util.Set;

/**
 * The {@code sessions} section: how hard the JSONL store pushes events to disk.
 *
 * <ul>
 *   <li>{@code always}: fsync after every event (survives power loss, slowest);
 *   <li>{@code batch}: fsync at most every {@code fsync_interval_ms} (default);
 *   <li>{@code never}: leave it to the OS. A killed process loses nothing in every mode; only a
 *       machine crash can lose the unsynced tail.
 * </ul>
 */
public record SessionsConfig(String fsync, long fsyncIntervalMs) {
  // Declared before DEFAULT: static fields initialise in order and DEFAULT validates against it.
  private static final Set<String> POLICIES = Set.of("always", "batch", "never");
  public static final SessionsConfig DEFAULT = new SessionsConfig("batch", 1000);
  public static final ConfigSection<SessionsConfig> SECTION =
      new ConfigSection<>("sessions", SessionsConfig.class, DEFAULT);

  public SessionsConfig {
    fsync = fsync == null ? "batch" : fsync;
    fsyncIntervalMs = fsyncIntervalMs <= 0 ? 1000 : fsyncIntervalMs;
    if (!POLICIES.contains(fsync)) {
      throw new LocalAgentException(
          SessionErrors.BAD_CONFIG,
          "sessions.fsync is '" + fsync + "'",
          "use one of: always, batch, never");
    }
  }
}
