package dev.localagent.core.session;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/** Error codes of the session store. Documented in docs/ERRORS.md. */
public final class SessionErrors {
  /** No session with this id exists. */
  public static final ErrorCode NOT_FOUND = new ErrorCode("LA-SESSION-001", ExitCode.NOT_FOUND);

  /** A session file has a damaged line before its last one (not a torn write: edited or disk fault). */
  public static final ErrorCode CORRUPT = new ErrorCode("LA-SESSION-002", ExitCode.FAILURE);

  /** Another process has the session open for writing. */
  public static final ErrorCode LOCKED = new ErrorCode("LA-SESSION-003", ExitCode.FAILURE);

  /** A session id with characters that are not allowed (letters, digits, '.', '_', '-'). */
  public static final ErrorCode BAD_ID = new ErrorCode("LA-SESSION-004", ExitCode.USAGE);

  /** Writing to the session file failed (disk full, permissions). */
  public static final ErrorCode WRITE_FAILED = new ErrorCode("LA-SESSION-005", ExitCode.FAILURE);

  /** The sessions configuration section has a bad value. */
  public static final ErrorCode BAD_CONFIG = new ErrorCode("LA-SESSION-006", ExitCode.CONFIG);

  private SessionErrors() {}
}
