package dev.localagent.core.error;

import java.util.Objects;

/**
 * The one exception users see: a stable code, a one-line message saying what was wrong, and a
 * hint saying what to do. The CLI prints these without a stack trace unless {@code --debug}.
 */
public final class LocalAgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;
  private final String hint;

  public LocalAgentException(ErrorCode code, String message, String hint, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.hint = hint == null ? "" : hint;
  }

  public LocalAgentException(ErrorCode code, String message, String hint) {
    this(code, message, hint, null);
  }

  public ErrorCode code() {
    return code;
  }

  public String hint() {
    return hint;
  }

  public ExitCode exitCode() {
    return code.exitCode();
  }
}
