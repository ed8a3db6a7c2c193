package dev.localagent.core.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds keys in a section's tree that its record does not have, removes them (so binding can go
 * on) and reports each as a warning with the closest valid key. Walks nested records, map values
 * and list elements; a {@code Map<String, Object>} accepts any key.
 */
final class UnknownKeys {
  /** Snake-case key to component, per record type; reflection is the slow part of a load. */
  private static final ClassValue<Map<String, RecordComponent>> COMPONENTS = new ClassValue<>() {
    @Override
    protected Map<String, RecordComponent> computeValue(Class<?> type) {
      var components = new LinkedHashMap<String, RecordComponent>();
      for (var component : type.getRecordComponents()) {
        components.put(snakeCase(component.getName()), component);
      }
      return java.util.Collections.unmodifiableMap(components);
    }
  };

  private final ConfigTree tree;
  private final List<ConfigProblem> warnings;

  private UnknownKeys(ConfigTree tree, List<ConfigProblem> warnings) {
    this.tree = tree;
    this.warnings = warnings;
  }

  static void strip(ConfigTree tree, String path, Object node, Type type, List<ConfigProblem> warnings) {
    new UnknownKeys(tree, warnings).walk(path, node, type);
  }

  @SuppressWarnings("unchecked")
  private void walk(String path, Object node, Type type) {
    Class<?> raw = rawClass(type);
    if (raw.isRecord() && node instanceof Map<?, ?> map) {
      walkRecord(path, (Map<String, Object>) map, raw);
    } else if (Map.class.isAssignableFrom(raw) && node instanceof Map<?, ?> map) {
      Type valueType = typeArgument(type, 1);
      map.forEach((key, value) -> walk(ConfigTree.child(path, String.valueOf(key)), value, valueType));
    } else if (List.class.isAssignableFrom(raw) && node instanceof List<?> list) {
      Type elementType = typeArgument(type, 0);
      for (int i = 0; i < list.size(); i++) {
        walk(path + "[" + i + "]", list.get(i), elementType);
      }
    }
  }

  private void walkRecord(String path, Map<String, Object> map, Class<?> type) {
    var components = COMPONENTS.get(type);
    for (var key : new ArrayList<>(map.keySet())) {
      String keyPath = ConfigTree.child(path, key);
      var component = components.get(key);
      if (component == null) {
        map.remove(key);
        warnings.add(unknown(tree.locate(keyPath), keyPath, key, components.keySet()));
      } else {
        walk(keyPath, map.get(key), component.getGenericType());
      }
    }
  }

  static ConfigProblem unknown(SourceLocation at, String keyPath, String key, java.util.Collection<String> valid) {
    String hint = KeySuggestions.closest(key, valid).map(s -> "did you mean '" + s + "'?")
        .orElse("valid keys here: " + String.join(", ", valid));
    return new ConfigProblem(ConfigProblem.Severity.WARNING, ConfigErrors.UNKNOWN_KEY, at, keyPath,
        "a known key", "unknown key '" + key + "'", hint + " The key is ignored.");
  }

  static String snakeCase(String camel) {
    var out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}
