package dev.localagent.core.plugin.internal;

import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;

/** Finds the current slot of a plugin id; proxies ask on every call so reloads take effect. */
@FunctionalInterface
public interface SlotLookup {
  /** The slot, or null when the plugin is no longer present or enabled. */
  PluginSlot slot(String pluginId);

  /**
   * Enters the current runtime of {@code pluginId}, following reloads that happen meanwhile.
   *
   * @throws LocalAgentException when the plugin is gone or cannot start
   */
  default PluginRuntime enter(String pluginId) {
    while (true) {
      PluginSlot slot = slot(pluginId);
      if (slot == null) {
        throw new LocalAgentException(GeneralErrors.NOT_FOUND,
            "plugin '" + pluginId + "' is no longer installed or enabled",
            "run 'localagent plugins list' to see the installed plugins");
      }
      PluginRuntime runtime = slot.enter();
      if (runtime != null) {
        return runtime;
      }
      Thread.onSpinWait(); // Retired by a concurrent reload: the next lookup finds its successor.
    }
  }
}
