package dev.localagent.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.localagent.core.error.ErrorCode;

/** Thrown inside Jackson by our deserializers; the binder turns it into a {@link ConfigProblem}. */
final class JacksonBindingFailure extends JsonMappingException {
  private static final long serialVersionUID = 1L;

  final transient ErrorCode code;
  final String expected;
  final String found;
  final String hint;

  JacksonBindingFailure(JsonParser parser, ErrorCode code, String expected, String found, String hint) {
    super(parser, "expected " + expected + ", found " + found);
    this.code = code;
    this.expected = expected;
    this.found = found;
    this.hint = hint;
  }
}
