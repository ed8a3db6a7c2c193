package dev.localagent.core.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.localagent.core.error.LocalAgentException;
import java.util.List;

/** Test oracle (see JacksonConfigMapper): turns a Jackson binding failure into a problem that names location, key, expected and found. */
final class JacksonBindingErrors {
  private JacksonBindingErrors() {}

  static ConfigProblem describe(JsonMappingException e, ConfigSection<?> section, ConfigTree tree) {
    String path = keyPath(section.key(), e.getPath());
    if (e instanceof JacksonBindingFailure failure) {
      return ConfigProblem.error(failure.code, tree.locate(path), path, failure.expected, failure.found,
          failure.hint);
    }
    if (e instanceof ValueInstantiationException) {
      return rejectedByRecord(e, path, section, tree);
    }
    String expected = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
        ? BindingErrors.expectedFor(mismatch.getTargetType()) : "a valid value";
    String found = e instanceof InvalidFormatException format
        ? BindingErrors.quote(format.getValue()) : BindingErrors.describeValue(tree.get(path));
    return ConfigProblem.error(ConfigErrors.INVALID_VALUE, tree.locate(path), path, expected, found, "");
  }

  /** The record's constructor refused the values; point at the key its message names, if set. */
  private static ConfigProblem rejectedByRecord(JsonMappingException e, String path,
      ConfigSection<?> section, ConfigTree tree) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    String hint = cause instanceof LocalAgentException la ? la.hint() : "";
    String keyPath = path;
    Class<?> type = e instanceof ValueInstantiationException vie && vie.getType() != null
        ? vie.getType().getRawClass() : section.type();
    if (type.isRecord()) {
      for (var component : type.getRecordComponents()) {
        String key = UnknownKeys.snakeCase(component.getName());
        if (reason.contains(key) && tree.locations().containsKey(path + "." + key)) {
          keyPath = path + "." + key;
          break;
        }
      }
    }
    String found = keyPath.equals(path) ? "values it rejects" : BindingErrors.describeValue(tree.get(keyPath));
    return ConfigProblem.error(ConfigErrors.INVALID_VALUE, tree.locate(keyPath), keyPath,
        "valid values (" + reason + ")", found, hint);
  }

  private static String keyPath(String section, List<JsonMappingException.Reference> references) {
    var path = new StringBuilder(section);
    for (var reference : references) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
