package dev.localagent.core.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds one scalar of the tree to a number, boolean, string, enum or a value written as text
 * (a duration, a size). Quoted numbers and booleans are accepted, as YAML users write {@code
 * port: "8080"}; a number with a fraction is not an integer; an empty or {@code null} string is
 * a missing value.
 */
final class ScalarBinding {
  private ScalarBinding() {}

  static Object primitive(Object node, Class<?> type, String path) throws BindingFailure {
    if (type == int.class || type == Integer.class) {
      return integral(node, type, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class || type == Long.class) {
      return integral(node, type, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == double.class || type == Double.class) {
      return decimal(node, type, path);
    }
    if (type == float.class || type == Float.class) {
      Object value = decimal(node, type, path);
      return value == null ? null : ((Double) value).floatValue();
    }
    if (type == boolean.class || type == Boolean.class) {
      return bool(node, type, path);
    }
    throw new IllegalStateException("config type " + type + " at " + path + " is not supported (docs/CONFIG.md)");
  }

  // The bindings below test with instanceof rather than a pattern switch: each pattern switch
  // spins a class at its first run, which the AOT cache does not keep.
  private static Object integral(Object node, Class<?> type, String path, long min, long max) throws BindingFailure {
    String expected = "an integer";
    long value;
    if (node instanceof Integer || node instanceof Long) {
      value = ((Number) node).longValue();
      if (value < min || value > max) {
        throw outOfRange(path, node);
      }
    } else if (node instanceof BigInteger) {
      throw outOfRange(path, node);
    } else if (node instanceof Double) {
      throw wrong(path, expected, BindingErrors.quote(node));
    } else if (node instanceof String s) {
      String text = s.trim();
      if (isMissing(text)) {
        return Scalars.zeroOf(type);
      }
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw wrong(path, expected, BindingErrors.quote(text));
      }
      if (value < min || value > max) {
        throw wrong(path, expected, BindingErrors.quote(text));
      }
    } else {
      throw RecordBinder.mismatch(path, expected, node);
    }
    return min == Integer.MIN_VALUE ? (Object) (int) value : (Object) value;
  }

  private static Object decimal(Object node, Class<?> type, String path) throws BindingFailure {
    if (node instanceof Number n) {
      return n.doubleValue();
    }
    if (!(node instanceof String s)) {
      throw RecordBinder.mismatch(path, "a number", node);
    }
    String text = s.trim();
    if (isMissing(text)) {
      return type.isPrimitive() ? (Object) 0.0 : null;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw wrong(path, "a number", BindingErrors.quote(text));
    }
  }

  private static Object bool(Object node, Class<?> type, String path) throws BindingFailure {
    if (node instanceof Boolean) {
      return node;
    }
    if (node instanceof Integer || node instanceof Long || node instanceof BigInteger) {
      return !node.toString().equals("0"); // as the Jackson binding before: any other integer is true
    }
    if (!(node instanceof String s)) {
      throw RecordBinder.mismatch(path, "true or false", node);
    }
    String text = s.trim();
    if (isMissing(text)) {
      return Scalars.zeroOf(type);
    }
    if (text.equals("true") || text.equals("True") || text.equals("TRUE")) {
      return true;
    }
    if (text.equals("false") || text.equals("False") || text.equals("FALSE")) {
      return false;
    }
    throw wrong(path, "true or false", BindingErrors.quote(text));
  }

  static String string(Object node, String path) throws BindingFailure {
    if (node instanceof String || node instanceof Number || node instanceof Boolean) {
      return node.toString();
    }
    throw RecordBinder.mismatch(path, "a string", node);
  }

  static Object enumConstant(Object node, Class<?> type, String path) throws BindingFailure {
    Object[] constants = type.getEnumConstants();
    String expected = BindingErrors.expectedFor(type);
    if (node instanceof String s) {
      String name = s.trim();
      for (Object constant : constants) {
        if (((Enum<?>) constant).name().equalsIgnoreCase(name)) {
          return constant;
        }
      }
      if (!name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit)
          && Integer.parseInt(name) < constants.length) {
        return constants[Integer.parseInt(name)];
      }
      throw wrong(path, expected, BindingErrors.quote(name));
    }
    if (node instanceof Integer index) {
      // A number is the constant's position, as the Jackson binding before took it.
      if (index >= 0 && index < constants.length) {
        return constants[index];
      }
      throw wrong(path, expected, String.valueOf(index));
    }
    if (node instanceof Long || node instanceof BigInteger) {
      throw outOfRange(path, node);
    }
    throw RecordBinder.mismatch(path, expected, node);
  }

  /** A value written as one string, e.g. {@code 2s}; the parser returns null when it does not fit. */
  static <T> T text(Object node, Function<String, T> parser, String expected, String path) throws BindingFailure {
    T value = node instanceof String s ? parser.apply(s) : null;
    if (value == null) {
      throw wrong(path, expected, "\"" + rawText(node) + "\"");
    }
    return value;
  }

  /** The value as the text a YAML or JSON reader would show for it; a mapping or list by its opening bracket. */
  static String rawText(Object node) {
    return node instanceof Map<?, ?> ? "{" : node instanceof List<?> ? "[" : String.valueOf(node);
  }

  private static boolean isMissing(String trimmed) {
    return trimmed.isEmpty() || trimmed.equals("null");
  }

  /** A whole number beyond the type's range (the Jackson binding before named no type here). */
  private static BindingFailure outOfRange(String path, Object node) {
    return BindingFailure.wrongValue(path, ConfigErrors.INVALID_VALUE, "a valid value",
        BindingErrors.describeValue(node), "");
  }

  private static BindingFailure wrong(String path, String expected, String found) {
    return BindingFailure.wrongValue(path, ConfigErrors.INVALID_VALUE, expected, found, "");
  }
}
