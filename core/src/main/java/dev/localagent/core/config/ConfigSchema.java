package dev.localagent.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every section the loader knows, assembled once in the composition root. A top-level key that
 * is not listed here is reported as unknown.
 */
public final class ConfigSchema {
  private final Map<String, ConfigSection<?>> sections;

  private ConfigSchema(Map<String, ConfigSection<?>> sections) {
    this.sections = sections;
  }

  public static ConfigSchema of(ConfigSection<?>... sections) {
    return of(List.of(sections));
  }

  public static ConfigSchema of(Collection<ConfigSection<?>> sections) {
    var byKey = new LinkedHashMap<String, ConfigSection<?>>();
    for (var section : sections) {
      if (byKey.putIfAbsent(section.key(), section) != null) {
        throw new IllegalArgumentException("config section registered twice: " + section.key());
      }
    }
    return new ConfigSchema(byKey);
  }

  /** A schema with these sections added, e.g. a test's own section. */
  public ConfigSchema with(ConfigSection<?> section) {
    var all = new ArrayList<ConfigSection<?>>(sections.values());
    all.add(section);
    return of(all);
  }

  public Collection<ConfigSection<?>> sections() {
    return sections.values();
  }

  public Optional<ConfigSection<?>> section(String key) {
    return Optional.ofNullable(sections.get(key));
  }

  public List<String> keys() {
    return List.copyOf(sections.keySet());
  }
}
