package dev.localagent.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bound value written back as a plain tree (maps with snake_case keys, lists, scalars), the
 * shape the loader merges layers in and {@code config show} prints. Secrets become their redacted
 * form, durations and sizes their text ({@code 2s}, {@code 500MB}), enums their lower-case name.
 */
final class PlainTree {
  private PlainTree() {}

  // instanceof rather than a pattern switch: each pattern switch spins a class at its first run,
  // which the AOT cache does not keep, and this runs in every command that loads the config.
  static Object of(Object value) {
    if (value instanceof Secret || value instanceof ByteSize || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Duration duration) {
      return Durations.format(duration);
    }
    if (value instanceof Map<?, ?> map) {
      var tree = new LinkedHashMap<String, Object>();
      map.forEach((k, v) -> tree.put(String.valueOf(k), of(v)));
      return tree;
    }
    if (value instanceof Collection<?> items) {
      var list = new ArrayList<>(items.size());
      items.forEach(item -> list.add(of(item)));
      return list;
    }
    return value instanceof Record record ? ofRecord(record) : value;
  }

  /** A record's components by snake_case key, in declaration order. */
  static Map<String, Object> ofRecord(Record record) {
    var shape = RecordBinder.RecordShape.of(record.getClass());
    var tree = new LinkedHashMap<String, Object>();
    var components = shape.components();
    for (var entry : shape.indexByKey().entrySet()) {
      var accessor = components[entry.getValue()].getAccessor();
      try {
        accessor.setAccessible(true);
        tree.put(entry.getKey(), of(accessor.invoke(record)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + accessor, e);
      }
    }
    return tree;
  }
}
