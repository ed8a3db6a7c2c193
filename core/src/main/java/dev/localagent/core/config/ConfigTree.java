package dev.localagent.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration layer as a plain tree (maps with string keys, lists, scalars) plus where each
 * key path came from, so a binding error can point back at file, line and column.
 */
public record ConfigTree(Map<String, Object> root, Map<String, SourceLocation> locations) {

  public static ConfigTree empty() {
    return new ConfigTree(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /** The location of a key path, or of its nearest ancestor that has one. */
  public SourceLocation locate(String path) {
    String current = path;
    while (!current.isEmpty()) {
      var at = locations.get(current);
      if (at != null) {
        return at;
      }
      current = parent(current);
    }
    return locations.getOrDefault("", SourceLocation.DEFAULTS);
  }

  /** Merges {@code upper} into this tree: maps merge key by key, anything else is replaced. */
  public void mergeFrom(ConfigTree upper) {
    mergeMaps(root, upper.root);
    locations.putAll(upper.locations);
  }

  @SuppressWarnings("unchecked")
  private static void mergeMaps(Map<String, Object> lower, Map<String, Object> upper) {
    for (var entry : upper.entrySet()) {
      Object mine = lower.get(entry.getKey());
      if (mine instanceof Map<?, ?> lowerMap && entry.getValue() instanceof Map<?, ?> upperMap) {
        mergeMaps((Map<String, Object>) lowerMap, (Map<String, Object>) upperMap);
      } else {
        lower.put(entry.getKey(), deepCopy(entry.getValue()));
      }
    }
  }

  @SuppressWarnings("unchecked")
  static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      var copy = new LinkedHashMap<String, Object>();
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      var copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return value;
  }

  /** Puts {@code value} at a dotted path, creating maps on the way (used for env and flags). */
  @SuppressWarnings("unchecked")
  public void put(String path, Object value, SourceLocation at) {
    Map<String, Object> node = root;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        node.put(parts[i], child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(parts[parts.length - 1], value);
    locations.put(path, at);
  }

  /** The value at a dotted path, or null. */
  public Object get(String path) {
    Object node = root;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return null;
      }
      node = map.get(part);
    }
    return node;
  }

  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
