package dev.localagent.api.plugin;

/** A logger that needs no logging library in the plugin; the host routes it to its own log. */
public interface PluginLogger {
  enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  void log(Level level, String message, Throwable error);

  default void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  default void info(String message) {
    log(Level.INFO, message, null);
  }

  default void warn(String message) {
    log(Level.WARN, message, null);
  }

  default void error(String message, Throwable error) {
    log(Level.ERROR, message, error);
  }
}
