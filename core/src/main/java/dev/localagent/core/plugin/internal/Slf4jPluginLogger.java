package dev.localagent.core.plugin.internal;

import dev.localagent.api.plugin.PluginLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a plugin's log lines to the host's SLF4J log under {@code plugin.<id>}. */
record Slf4jPluginLogger(Logger logger) implements PluginLogger {
  // Created on first use only: logging set-up stays off the start-up path of 'plugins list'.
  static PluginLogger forPlugin(String pluginId) {
    return new Slf4jPluginLogger(LoggerFactory.getLogger("plugin." + pluginId));
  }

  @Override
  public void log(Level level, String message, Throwable error) {
    switch (level) {
      case DEBUG -> logger.debug(message, error);
      case INFO -> logger.info(message, error);
      case WARN -> logger.warn(message, error);
      case ERROR -> logger.error(message, error);
    }
  }
}
