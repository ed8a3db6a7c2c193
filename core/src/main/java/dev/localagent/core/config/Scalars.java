package dev.localagent.core.config;

import java.math.BigInteger;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Converts a resolved YAML 1.2 core-schema scalar to a Java value. */
final class Scalars {
  private Scalars() {}

  static Object typed(Tag tag, String value) {
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
    }
    if (tag.equals(Tag.INT)) {
      return integer(value);
    }
    if (tag.equals(Tag.FLOAT)) {
      return decimal(value);
    }
    return value;
  }

  private static Object integer(String text) {
    String digits = text.replace("_", "");
    int radix = 10;
    if (digits.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    }
    var big = new BigInteger(digits, radix);
    return big.bitLength() < 32 ? (Object) big.intValue()
        : big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private static Object decimal(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  /** What a missing value binds to: 0 or false for a primitive, null for anything else. */
  static Object zeroOf(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == float.class) {
      return 0.0f;
    }
    return type == short.class ? (Object) (short) 0 : type == byte.class ? (Object) (byte) 0 : (Object) '\0';
  }

  /** Reads one value given on the command line or in an environment variable as YAML. */
  static Object fromText(String text) {
    var layer = YamlLayer.parse("value", "v: " + text, java.util.Map.of());
    return layer.hasErrors() ? text : layer.tree().root().get("v");
  }
}
