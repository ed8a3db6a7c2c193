package dev.localagent.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The effective configuration: every registered section bound to its record, plus the merged tree
 * that says where each key came from.
 */
public final class LoadedConfig implements Config {
  private final ConfigSchema schema;
  private final Map<String, Object> values;
  private final ConfigTree merged;

  LoadedConfig(ConfigSchema schema, Map<String, Object> values, ConfigTree merged) {
    this.schema = schema;
    this.values = Map.copyOf(values);
    this.merged = merged;
  }

  @Override
  public <T> T section(ConfigSection<T> section) {
    Object value = values.get(section.key());
    return value == null ? section.defaults() : section.type().cast(value);
  }

  public ConfigSchema schema() {
    return schema;
  }

  /** All sections as a tree of plain values, secrets redacted: what {@code config show} prints. */
  public Map<String, Object> redactedTree() {
    var tree = new LinkedHashMap<String, Object>();
    for (var section : schema.sections()) {
      tree.put(section.key(), PlainTree.of(section(section)));
    }
    return tree;
  }

  /** The redacted value at a dotted key path ({@code gateway.port}), if the key exists. */
  public java.util.Optional<Object> lookup(String keyPath) {
    Object node = redactedTree();
    for (String part : keyPath.split("\\.")) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return java.util.Optional.empty();
      }
      node = map.get(part);
    }
    return java.util.Optional.ofNullable(node);
  }

  /** Every leaf key path, for "did you mean" on a mistyped key. */
  public java.util.List<String> keyPaths() {
    var paths = new java.util.ArrayList<String>();
    collect("", redactedTree(), paths);
    return paths;
  }

  private static void collect(String prefix, Object node, java.util.List<String> paths) {
    if (node instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach((k, v) -> collect(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, paths));
    } else {
      paths.add(prefix);
    }
  }

  /** Where the value at a dotted key path was last set (file:line:col, variable, flag, defaults). */
  public SourceLocation sourceOf(String keyPath) {
    return merged.locate(keyPath);
  }
}
