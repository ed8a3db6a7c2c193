package dev.localagent.core.error;

/** Process exit codes, named and mapped in one place. Documented in README.md. */
public enum ExitCode {
  OK(0),
  FAILURE(1),
  USAGE(2),
  CONFIG(3),
  PLUGIN(4),
  MODEL_UNREACHABLE(5),
  TOOL_DENIED(6),
  MAX_STEPS(7),
  NOT_FOUND(8),
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
