package dev.localagent.core.config;

import dev.localagent.core.error.LocalAgentException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a binding failure into a problem that names location, key, expected and found. */
final class BindingErrors {
  private BindingErrors() {}

  static ConfigProblem describe(BindingFailure failure, ConfigTree tree) {
    if (failure.rejectingRecord != null) {
      return rejectedByRecord(failure, tree);
    }
    return ConfigProblem.error(failure.code, tree.locate(failure.path), failure.path, failure.expected,
        failure.found, failure.hint);
  }

  /** The record's constructor refused the values; point at the key its message names, if set. */
  private static ConfigProblem rejectedByRecord(BindingFailure failure, ConfigTree tree) {
    String path = failure.path;
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    String hint = cause instanceof LocalAgentException la ? la.hint() : "";
    String keyPath = path;
    Class<?> type = failure.rejectingRecord;
    if (type.isRecord()) {
      for (var component : type.getRecordComponents()) {
        String key = UnknownKeys.snakeCase(component.getName());
        if (reason.contains(key) && tree.locations().containsKey(path + "." + key)) {
          keyPath = path + "." + key;
          break;
        }
      }
    }
    String found = keyPath.equals(path) ? "values it rejects" : describeValue(tree.get(keyPath));
    return ConfigProblem.error(ConfigErrors.INVALID_VALUE, tree.locate(keyPath), keyPath,
        "valid values (" + reason + ")", found, hint);
  }

  static String expectedFor(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants())
          .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }

  static String describeValue(Object value) {
    return switch (value) {
      case null -> "nothing (null)";
      case Map<?, ?> ignored -> "a mapping";
      case List<?> ignored -> "a list";
      case String s -> quote(s);
      default -> value.toString();
    };
  }

  static String quote(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
