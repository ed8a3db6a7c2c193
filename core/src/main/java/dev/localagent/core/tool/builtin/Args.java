package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolRequest;
import dev.localagent.core.tool.ToolErrors;
import java.util.ArrayList;
import java.util.List;

/** Typed access to a tool call's parsed JSON arguments; a wrong type is a {@link ToolFailure}. */
final class Args {
  private final ToolRequest request;

  Args(ToolRequest request) {
    this.request = request;
  }

  String string(String name) {
    Object value = request.arguments().get(name);
    if (value instanceof String s) {
      return s;
    }
    throw bad(name, value == null ? "is required" : "must be a string");
  }

  String string(String name, String fallback) {
    return request.arguments().get(name) == null ? fallback : string(name);
  }

  boolean has(String name) {
    return request.arguments().get(name) != null;
  }

  long number(String name, long fallback, long min, long max) {
    Object value = request.arguments().get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw bad(name, "must be a whole number");
    }
    long v = n.longValue();
    if (v < min || v > max) {
      throw bad(name, "must be between " + min + " and " + max + ", was " + v);
    }
    return v;
  }

  boolean flag(String name) {
    Object value = request.arguments().get(name);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw bad(name, "must be true or false");
  }

  /** A list of strings, e.g. an argv array. */
  List<String> strings(String name) {
    if (!(request.arguments().get(name) instanceof List<?> list)) {
      throw bad(name, "must be an array of strings");
    }
    var out = new ArrayList<String>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s)) {
        throw bad(name, "must contain only strings");
      }
      out.add(s);
    }
    return out;
  }

  Object raw(String name) {
    return request.arguments().get(name);
  }

  static ToolFailure bad(String name, String problem) {
    return new ToolFailure(ToolErrors.BAD_ARGUMENTS, "argument '" + name + "' " + problem);
  }
}
