package dev.localagent.core.plugin;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.LocalAgentException;
import java.util.Objects;

/** Why a plugin is not running: a stable code, what went wrong, and what to do about it. */
public record PluginFailure(ErrorCode code, String message, String hint) {
  public PluginFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    hint = hint == null ? "" : hint;
  }

  public LocalAgentException toException() {
    return new LocalAgentException(code, message, hint);
  }

  @Override
  public String toString() {
    return code.id() + ": " + message;
  }
}
