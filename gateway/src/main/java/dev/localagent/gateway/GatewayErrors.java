package dev.localagent.gateway;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/**
 * Error codes of the gateway: {@code LA-GATEWAY-*} for server and client conditions, {@code
 * LA-PROTO-*} for messages that break protocol v1. Listed in docs/PROTOCOL.md and docs/ERRORS.md;
 * a test keeps the document in step with this class.
 */
public final class GatewayErrors {
  /** A request other than hello arrived before the connection authenticated. */
  public static final ErrorCode NOT_AUTHENTICATED = code("LA-GATEWAY-001", ExitCode.FAILURE);

  /** The token in hello was wrong; the connection is closed with 1008. */
  public static final ErrorCode BAD_TOKEN = code("LA-GATEWAY-002", ExitCode.FAILURE);

  /** hello asked for a protocol version this server does not speak. */
  public static final ErrorCode UNSUPPORTED_VERSION = code("LA-GATEWAY-003", ExitCode.FAILURE);

  /** The named session does not exist. */
  public static final ErrorCode SESSION_NOT_FOUND = code("LA-GATEWAY-004", ExitCode.NOT_FOUND);

  /** The engine refused a prompt or cancel (e.g. a turn is already running). */
  public static final ErrorCode REFUSED = code("LA-GATEWAY-005", ExitCode.FAILURE);

  /** An approval was already answered (by this or another client) or is unknown. */
  public static final ErrorCode APPROVAL_CLOSED = code("LA-GATEWAY-006", ExitCode.FAILURE);

  /** The connection sent more messages per second than allowed; the message was dropped. */
  public static final ErrorCode RATE_LIMITED = code("LA-GATEWAY-007", ExitCode.FAILURE);

  /** tool.invoke named a tool that is not registered. */
  public static final ErrorCode UNKNOWN_TOOL = code("LA-GATEWAY-008", ExitCode.NOT_FOUND);

  /** The server is at its connection limit; the upgrade is answered with HTTP 503. */
  public static final ErrorCode TOO_MANY_CONNECTIONS = code("LA-GATEWAY-009", ExitCode.FAILURE);

  /** The client read too slowly for too long; the connection is closed with 1013. */
  public static final ErrorCode SLOW_CLIENT = code("LA-GATEWAY-010", ExitCode.FAILURE);

  /** The server is shutting down; connections are closed with 1001. */
  public static final ErrorCode SHUTTING_DOWN = code("LA-GATEWAY-011", ExitCode.FAILURE);

  /** The server could not listen on the requested address and port. */
  public static final ErrorCode CANNOT_BIND = code("LA-GATEWAY-012", ExitCode.FAILURE);

  /** The token file could not be read, created, or has unsafe permissions. */
  public static final ErrorCode TOKEN_FILE = code("LA-GATEWAY-013", ExitCode.CONFIG);

  /** A gateway setting or flag has an impossible value. */
  public static final ErrorCode BAD_CONFIG = code("LA-GATEWAY-014", ExitCode.CONFIG);

  /** Handling a request failed unexpectedly; the message says what was being done. */
  public static final ErrorCode INTERNAL = code("LA-GATEWAY-015", ExitCode.FAILURE);

  /** The client could not connect to or lost the gateway and gave up reconnecting. */
  public static final ErrorCode CANNOT_CONNECT = code("LA-GATEWAY-016", ExitCode.FAILURE);

  /** Client side: every pooled connection stayed leased for the whole acquire timeout. */
  public static final ErrorCode POOL_EXHAUSTED = code("LA-GATEWAY-017", ExitCode.FAILURE);

  /**
   * Client side: the connection carrying a request closed or stopped answering pings before the
   * reply came, so whether the server acted on it is unknown.
   */
  public static final ErrorCode CONNECTION_LOST = code("LA-GATEWAY-018", ExitCode.FAILURE);

  /** Client side: the connection pool, or a released lease, was used after it was closed. */
  public static final ErrorCode POOL_CLOSED = code("LA-GATEWAY-019", ExitCode.FAILURE);

  /** The text frame is not valid JSON, or not a JSON object. */
  public static final ErrorCode MALFORMED = code("LA-PROTO-001", ExitCode.FAILURE);

  /** The message's type is not one of protocol v1's client messages. */
  public static final ErrorCode UNKNOWN_TYPE = code("LA-PROTO-002", ExitCode.FAILURE);

  /** A field is missing or has the wrong type for this message type. */
  public static final ErrorCode BAD_PARAMS = code("LA-PROTO-003", ExitCode.FAILURE);

  /** A binary frame arrived; protocol v1 uses text frames only. */
  public static final ErrorCode BINARY_FRAME = code("LA-PROTO-004", ExitCode.FAILURE);

  /** hello was sent on a connection that is already authenticated. */
  public static final ErrorCode DUPLICATE_HELLO = code("LA-PROTO-005", ExitCode.FAILURE);

  private GatewayErrors() {}

  private static ErrorCode code(String id, ExitCode exit) {
    return new ErrorCode(id, exit);
  }
}
