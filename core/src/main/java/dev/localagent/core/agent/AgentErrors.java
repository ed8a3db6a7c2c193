package dev.localagent.core.agent;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/** Error codes of the agent engine. Documented in docs/ERRORS.md. */
public final class AgentErrors {
  /** A prompt arrived while a turn of the session was running. */
  public static final ErrorCode TURN_RUNNING = new ErrorCode("LA-AGENT-001", ExitCode.FAILURE);

  /** A cancel arrived while no turn was running. */
  public static final ErrorCode NO_TURN = new ErrorCode("LA-AGENT-002", ExitCode.FAILURE);

  /** An approval reply for an approval that was already answered (the first reply wins). */
  public static final ErrorCode ALREADY_ANSWERED = new ErrorCode("LA-AGENT-003", ExitCode.FAILURE);

  /** An approval reply for an id that no tool call is waiting on. */
  public static final ErrorCode NO_SUCH_APPROVAL = new ErrorCode("LA-AGENT-004", ExitCode.FAILURE);

  /** The model called a tool with arguments that are not a JSON object (told to the model). */
  public static final ErrorCode BAD_TOOL_ARGUMENTS = new ErrorCode("LA-AGENT-005", ExitCode.FAILURE);

  /** The turn stopped after the maximum number of model steps. */
  public static final ErrorCode MAX_STEPS = new ErrorCode("LA-AGENT-006", ExitCode.MAX_STEPS);

  /** An unexpected failure inside the turn loop; the turn ends with reason ERROR. */
  public static final ErrorCode INTERNAL = new ErrorCode("LA-AGENT-007", ExitCode.FAILURE);

  /** The engine is closed and takes no more submissions. */
  public static final ErrorCode CLOSED = new ErrorCode("LA-AGENT-008", ExitCode.FAILURE);

  private AgentErrors() {}
}
