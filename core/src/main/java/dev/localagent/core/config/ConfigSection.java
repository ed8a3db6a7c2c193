package dev.localagent.core.config;

import java.util.Objects;

/**
 * One top-level section of config.yaml (e.g. {@code providers}, {@code gateway}) bound to an
 * immutable record. Keys are snake_case versions of the record's component names. Each area
 * declares its section next to its code; the composition root lists all of them so the loader
 * can validate every key.
 */
public record ConfigSection<T>(String key, Class<T> type, T defaults) {
  public ConfigSection {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaults, "defaults");
  }
}
