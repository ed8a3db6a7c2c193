package dev.localagent.core.logging;

import dev.localagent.core.config.ConfigSection;

/**
 * The {@code logging} section: how much goes to the log file under the state directory. The
 * terminal stays quiet either way; {@code --debug} mirrors the log to stderr.
 *
 * @param level {@code level}: error, warn, info, debug or trace ({@code --log-level} overrides)
 * @param file {@code file}: log file path; empty means {@code $XDG_STATE_HOME/localagent/localagent.log}
 */
public record LoggingConfig(LogLevel level, String file) {
  public static final LoggingConfig DEFAULT = new LoggingConfig(LogLevel.INFO, "");
  public static final ConfigSection<LoggingConfig> SECTION =
      new ConfigSection<>("logging", LoggingConfig.class, DEFAULT);

  public LoggingConfig {
    level = level == null ? LogLevel.INFO : level;
    file = file == null ? "" : file.strip();
  }

  /** Log levels, least to most verbose. */
  public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
