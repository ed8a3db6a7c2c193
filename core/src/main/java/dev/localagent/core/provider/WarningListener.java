package dev.localagent.core.provider;

import dev.localagent.api.model.StreamListener;
import dev.localagent.core.error.ErrorCode;

/**
 * A stream listener that also hears warnings a provider raises before or after a reply, such as
 * a conversation about to outgrow the model's context window. The engine turns them into
 * {@code error} events that do not end the turn.
 */
public interface WarningListener extends StreamListener {
  void onWarning(ErrorCode code, String message);

  /** Sends a warning to {@code listener} when it listens for them. */
  static void warn(StreamListener listener, ErrorCode code, String message) {
    if (listener instanceof WarningListener warnings) {
      warnings.onWarning(code, message);
    }
  }
}
