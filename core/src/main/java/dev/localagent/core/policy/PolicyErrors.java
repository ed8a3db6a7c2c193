package dev.localagent.core.policy;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/** Codes for tool calls refused by policy or by a person, and for bad policy configuration. */
public final class PolicyErrors {
  /** The tool is set to {@code deny} in the policy section. */
  public static final ErrorCode TOOL_DENIED = new ErrorCode("LA-POLICY-001", ExitCode.TOOL_DENIED);

  /** A shell.exec command matched a {@code deny_commands} rule. */
  public static final ErrorCode COMMAND_DENIED = new ErrorCode("LA-POLICY-002", ExitCode.TOOL_DENIED);

  /** The call needed approval and the person (or the non-interactive default) said no. */
  public static final ErrorCode APPROVAL_DENIED = new ErrorCode("LA-POLICY-003", ExitCode.TOOL_DENIED);

  /** The policy section of the configuration is invalid. */
  public static final ErrorCode BAD_CONFIG = new ErrorCode("LA-POLICY-004", ExitCode.CONFIG);

  /** Asking for approval failed; the call is refused (fail closed). */
  public static final ErrorCode APPROVAL_FAILED = new ErrorCode("LA-POLICY-005", ExitCode.TOOL_DENIED);

  private PolicyErrors() {}
}
