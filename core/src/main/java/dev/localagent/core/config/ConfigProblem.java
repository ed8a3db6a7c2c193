package dev.localagent.core.config;

import dev.localagent.core.error.ErrorCode;

/**
 * One finding of the loader: where, which key, what was expected and what was found. Errors make
 * the configuration unusable; warnings (such as an unknown key) are printed and loading goes on.
 */
public record ConfigProblem(
    Severity severity, ErrorCode code, SourceLocation location, String keyPath, String expected,
    String found, String hint) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static ConfigProblem error(
      ErrorCode code, SourceLocation at, String key, String expected, String found, String hint) {
    return new ConfigProblem(Severity.ERROR, code, at, key, expected, found, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One line such as {@code config.yaml:3:9: gateway.port: expected an integer, found "abc"}. */
  public String describe() {
    var text = new StringBuilder().append(location).append(": ");
    if (!keyPath.isEmpty()) {
      text.append(keyPath).append(": ");
    }
    text.append("expected ").append(expected).append(", found ").append(found);
    if (!hint.isEmpty()) {
      text.append(" (").append(hint).append(')');
    }
    return text.toString();
  }
}
