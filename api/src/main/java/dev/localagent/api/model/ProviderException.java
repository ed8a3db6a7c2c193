package dev.localagent.api.model;

import java.util.Objects;

/** A model server could not answer. {@link #kind()} tells the caller whether a retry can help. */
public final class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The reason a request failed. */
  public enum Kind {
    UNREACHABLE,
    RATE_LIMITED,
    SERVER_ERROR,
    BAD_REQUEST,
    BAD_RESPONSE,
    TIMEOUT,
    CANCELLED
  }

  private final Kind kind;

  public ProviderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ProviderException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** True for failures that may pass on a later try: connect errors, 429, 5xx, timeouts. */
  public boolean retryable() {
    return switch (kind) {
      case UNREACHABLE, RATE_LIMITED, SERVER_ERROR, TIMEOUT -> true;
      case BAD_REQUEST, BAD_RESPONSE, CANCELLED -> false;
    };
  }
}
