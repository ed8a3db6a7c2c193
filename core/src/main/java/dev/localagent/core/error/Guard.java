package dev.localagent.core.error;

import java.util.function.Supplier;

/**
 * The error model's boundary around a unit of work: a {@link LocalAgentException} passes through
 * unchanged; any other runtime failure becomes one with the given code and a message naming what
 * was being done. On the success path this is a plain call (no allocation, no exception), which
 * the {@code bench errors} JMH benchmark measures.
 */
public final class Guard {
  private Guard() {}

  public static <T> T call(ErrorCode code, String doing, Supplier<T> work) {
    try {
      return work.get();
    } catch (LocalAgentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LocalAgentException(code, doing + " failed: " + e.getMessage(),
          "rerun with --debug for the cause", e);
    }
  }
}
