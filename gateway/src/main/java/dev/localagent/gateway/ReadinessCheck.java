package dev.localagent.gateway;

/**
 * A condition {@code GET /readyz} reports besides shutdown, such as cluster mode's Redis link.
 * Called on the event loop for every request, so it must answer from state it already has and
 * never block on I/O.
 */
@FunctionalInterface
public interface ReadinessCheck {
  ReadinessCheck ALWAYS_READY = () -> null;

  /** Why the server should not get traffic now, or null when it is ready. */
  String notReadyReason();
}
