package dev.localagent.gateway.internal;

import dev.localagent.core.error.ErrorCode;

/** A request that cannot be served; becomes an error frame with this code, never a close. */
final class GatewayFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  GatewayFailure(ErrorCode code, String message) {
    this(code.id(), message);
  }

  GatewayFailure(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }
}
