package dev.localagent.core.config;

import dev.localagent.core.error.ErrorCode;

/**
 * Why a value in a section's tree could not be bound; {@link BindingErrors} turns it into a
 * located {@link ConfigProblem}. Thrown only on the failure path of a load, never for control flow
 * of a valid config.
 */
final class BindingFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** Dotted key path of the value, with {@code [i]} for list elements: {@code provider.entries[1].port}. */
  final String path;
  final transient ErrorCode code;
  final String expected;
  final String found;
  final String hint;
  /** The record whose constructor refused its values, or null when the value itself was wrong. */
  final transient Class<?> rejectingRecord;

  private BindingFailure(String path, ErrorCode code, String expected, String found, String hint,
      Class<?> rejectingRecord, Throwable cause) {
    super("expected " + expected + ", found " + found, cause, false, false);
    this.path = path;
    this.code = code;
    this.expected = expected;
    this.found = found;
    this.hint = hint;
    this.rejectingRecord = rejectingRecord;
  }

  /** The value at {@code path} is not what its type takes. */
  static BindingFailure wrongValue(String path, ErrorCode code, String expected, String found, String hint) {
    return new BindingFailure(path, code, expected, found, hint, null, null);
  }

  /** The canonical constructor of {@code record} (bound at {@code path}) threw {@code reason}. */
  static BindingFailure rejected(String path, Class<?> record, Throwable reason) {
    return new BindingFailure(path, ConfigErrors.INVALID_VALUE, "", "", "", record, reason);
  }
}
