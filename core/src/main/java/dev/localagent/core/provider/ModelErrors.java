package dev.localagent.core.provider;

import dev.localagent.api.model.ProviderException;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/** Error codes of model providers. Documented in docs/ERRORS.md. */
public final class ModelErrors {
  /** No configured model server answered (connection refused, DNS, connect timeout). */
  public static final ErrorCode UNREACHABLE = new ErrorCode("LA-MODEL-001", ExitCode.MODEL_UNREACHABLE);

  /** The server kept answering 429 after all retries, or our own rate limit had no permit. */
  public static final ErrorCode RATE_LIMITED = new ErrorCode("LA-MODEL-002", ExitCode.MODEL_UNREACHABLE);

  /** The server kept answering 5xx after all retries, or the circuit breaker is open. */
  public static final ErrorCode SERVER_ERROR = new ErrorCode("LA-MODEL-003", ExitCode.MODEL_UNREACHABLE);

  /** The server answered with something that is not the wire format (malformed chunk). */
  public static final ErrorCode BAD_RESPONSE = new ErrorCode("LA-MODEL-004", ExitCode.FAILURE);

  /** No first token, or the stream went idle, within the configured timeout. */
  public static final ErrorCode TIMEOUT = new ErrorCode("LA-MODEL-005", ExitCode.MODEL_UNREACHABLE);

  /** Warning: the conversation is near or over the model's context window and may be truncated. */
  public static final ErrorCode CONTEXT_OVERFLOW = new ErrorCode("LA-MODEL-006", ExitCode.FAILURE);

  /** The requested provider name is not configured. */
  public static final ErrorCode UNKNOWN_PROVIDER = new ErrorCode("LA-MODEL-007", ExitCode.CONFIG);

  /** A provider entry in the configuration is invalid (kind, base_url). */
  public static final ErrorCode BAD_CONFIG = new ErrorCode("LA-MODEL-008", ExitCode.CONFIG);

  /** The server refused the request as malformed (4xx other than 429), e.g. unknown model. */
  public static final ErrorCode BAD_REQUEST = new ErrorCode("LA-MODEL-009", ExitCode.FAILURE);

  private ModelErrors() {}

  /** The code that reports a provider failure of this kind. */
  public static ErrorCode of(ProviderException.Kind kind) {
    return switch (kind) {
      case UNREACHABLE -> UNREACHABLE;
      case RATE_LIMITED -> RATE_LIMITED;
      case SERVER_ERROR -> SERVER_ERROR;
      case BAD_RESPONSE -> BAD_RESPONSE;
      case TIMEOUT -> TIMEOUT;
      case BAD_REQUEST -> BAD_REQUEST;
      case CANCELLED -> UNREACHABLE;
    };
  }
}
