package dev.localagent.core.error;

/** Codes not owned by one area. */
public final class GeneralErrors {
  /** An unexpected internal failure; the message names what was being done. */
  public static final ErrorCode INTERNAL = new ErrorCode("LA-GEN-001", ExitCode.FAILURE);

  /** A file or directory could not be read or written. */
  public static final ErrorCode IO = new ErrorCode("LA-GEN-002", ExitCode.FAILURE);

  /** A named thing (session, plugin, provider) does not exist. */
  public static final ErrorCode NOT_FOUND = new ErrorCode("LA-GEN-003", ExitCode.NOT_FOUND);

  /** Command-line arguments were wrong. */
  public static final ErrorCode USAGE = new ErrorCode("LA-GEN-004", ExitCode.USAGE);

  private GeneralErrors() {}
}
