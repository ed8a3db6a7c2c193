package dev.localagent.cluster;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;

/** Error codes of cluster mode. Documented in docs/ERRORS.md. */
public final class ClusterErrors {
  /** Redis cannot be reached, or refused a command (at start or while serving). */
  public static final ErrorCode REDIS_UNAVAILABLE = new ErrorCode("LA-CLUSTER-001", ExitCode.FAILURE);

  /** An append was refused because this instance no longer holds the session's lease (fencing). */
  public static final ErrorCode NOT_OWNER = new ErrorCode("LA-CLUSTER-002", ExitCode.FAILURE);

  /** The instance that owns the session did not answer a forwarded submission in time. */
  public static final ErrorCode OWNER_UNREACHABLE = new ErrorCode("LA-CLUSTER-003", ExitCode.FAILURE);

  /** The cluster configuration section has a bad value (for example a URL that is not redis://). */
  public static final ErrorCode BAD_CONFIG = new ErrorCode("LA-CLUSTER-004", ExitCode.CONFIG);

  /** A turn was ended because the instance running it stopped or lost the lease; the instance that took the session ended it. */
  public static final ErrorCode OWNER_LOST = new ErrorCode("LA-CLUSTER-005", ExitCode.FAILURE);

  private ClusterErrors() {}
}
