package dev.localagent.cli.render;

import dev.localagent.api.event.SessionEvent;

/**
 * Prints session events for a person or a program. One implementation per output format, over
 * the same events, so {@code chat}, {@code run} and {@code sessions show} print alike.
 */
public interface EventRenderer {
  void render(SessionEvent event);

  /** Called when the output ends (e.g. to finish a half-printed line). */
  default void finish() {}
}
