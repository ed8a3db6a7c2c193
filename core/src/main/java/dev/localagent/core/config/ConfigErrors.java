package dev.localagent.core.config;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/** Error codes of the configuration area; docs/ERRORS.md lists them with their meaning. */
public final class ConfigErrors {
  /** A config file is not valid YAML. */
  public static final ErrorCode SYNTAX = new ErrorCode("LA-CONFIG-001", ExitCode.CONFIG);

  /** A value has the wrong type or is out of range. */
  public static final ErrorCode INVALID_VALUE = new ErrorCode("LA-CONFIG-002", ExitCode.CONFIG);

  /** {@code ${VAR}} or a secret names an environment variable that is not set. */
  public static final ErrorCode MISSING_ENV = new ErrorCode("LA-CONFIG-003", ExitCode.CONFIG);

  /** A config file or a secret file exists but cannot be read. */
  public static final ErrorCode UNREADABLE = new ErrorCode("LA-CONFIG-004", ExitCode.CONFIG);

  /** A key named on the command line ({@code config get/set}) does not exist. */
  public static final ErrorCode UNKNOWN_KEY = new ErrorCode("LA-CONFIG-005", ExitCode.CONFIG);

  /** {@code config set} refused to edit a file (it does not parse, or the edit cannot be made). */
  public static final ErrorCode REFUSED_EDIT = new ErrorCode("LA-CONFIG-006", ExitCode.CONFIG);

  /** The edited config could not be written. */
  public static final ErrorCode WRITE_FAILED = new ErrorCode("LA-CONFIG-007", ExitCode.FAILURE);

  private ConfigErrors() {}
}
