package dev.localagent.core.tool;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/** Codes of failed tool calls; each is returned in a {@code ToolResult}, never thrown. */
public final class ToolErrors {
  /** An argument is missing, has the wrong type or an invalid value. */
  public static final ErrorCode BAD_ARGUMENTS = new ErrorCode("LA-TOOL-001", ExitCode.FAILURE);

  /** A path leaves the workdir: {@code ..}, an absolute path outside it, or a symlink escape. */
  public static final ErrorCode OUTSIDE_WORKDIR = new ErrorCode("LA-TOOL-002", ExitCode.FAILURE);

  /** The file or directory does not exist. */
  public static final ErrorCode NOT_FOUND = new ErrorCode("LA-TOOL-003", ExitCode.FAILURE);

  /** Reading or writing failed at the operating-system level. */
  public static final ErrorCode IO = new ErrorCode("LA-TOOL-004", ExitCode.FAILURE);

  /** The file is binary or not a regular file, so it cannot be read or edited as text. */
  public static final ErrorCode NOT_TEXT = new ErrorCode("LA-TOOL-005", ExitCode.FAILURE);

  /** fs.edit: the text to replace does not occur in the file. */
  public static final ErrorCode EDIT_NO_MATCH = new ErrorCode("LA-TOOL-006", ExitCode.FAILURE);

  /** fs.edit: the text to replace occurs more than once and replace_all was not set. */
  public static final ErrorCode EDIT_AMBIGUOUS = new ErrorCode("LA-TOOL-007", ExitCode.FAILURE);

  /** fs.edit: the unified diff is malformed or its hunks do not match the file. */
  public static final ErrorCode PATCH_FAILED = new ErrorCode("LA-TOOL-008", ExitCode.FAILURE);

  /** shell.exec: the command ran past its timeout; its process tree was killed. */
  public static final ErrorCode TIMEOUT = new ErrorCode("LA-TOOL-009", ExitCode.FAILURE);

  /** shell.exec: the command exited with a non-zero status. */
  public static final ErrorCode EXIT_STATUS = new ErrorCode("LA-TOOL-010", ExitCode.FAILURE);

  /** shell.exec: the program could not be started (not found, not executable). */
  public static final ErrorCode START_FAILED = new ErrorCode("LA-TOOL-011", ExitCode.FAILURE);

  /** No tool with the requested name is registered. */
  public static final ErrorCode UNKNOWN_TOOL = new ErrorCode("LA-TOOL-012", ExitCode.FAILURE);

  /** A tool or interceptor broke its contract (threw, returned null, skipped the chain). */
  public static final ErrorCode CONTRACT = new ErrorCode("LA-TOOL-013", ExitCode.FAILURE);

  /** fs.search / fs.glob: the regular expression or glob pattern does not compile. */
  public static final ErrorCode BAD_PATTERN = new ErrorCode("LA-TOOL-014", ExitCode.FAILURE);

  private ToolErrors() {}
}
