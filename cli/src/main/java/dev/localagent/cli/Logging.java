package dev.localagent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import dev.localagent.core.config.Dirs;
import dev.localagent.core.logging.LoggingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Starts logging for a command that needs it: SLF4J through logback to the log file under the
 * state directory; stderr gets the log only with {@code --debug}. Not called for --help or
 * --version, so they never pay for it. A log file that cannot be opened is skipped, never fatal.
 */
final class Logging {
  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";

  private Logging() {}

  static synchronized void start(LoggingConfig config, Dirs dirs, boolean debug, PrintWriter err) {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(debug ? Level.DEBUG : Level.toLevel(config.level().name(), Level.INFO));
    // The MCP SDK logs each server's whole instructions text at INFO; our own lines say what matters.
    context.getLogger("io.modelcontextprotocol").setLevel(debug ? Level.DEBUG : Level.WARN);
    Path file = config.file().isEmpty() ? dirs.logFile() : Path.of(config.file());
    if (createParent(file)) {
      var appender = new FileAppender<ILoggingEvent>();
      appender.setContext(context);
      appender.setFile(file.toString());
      appender.setEncoder(encoder(context));
      appender.start();
      root.addAppender(appender);
    }
    if (debug) {
      var console = new WriterAppender(err);
      console.setContext(context);
      console.start();
      root.addAppender(console);
    }
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  private static boolean createParent(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Mirrors log events to the command's stderr (which tests capture), for --debug. */
  private static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private final PrintWriter err;

    WriterAppender(PrintWriter err) {
      this.err = err;
    }

    @Override
    protected void append(ILoggingEvent event) {
      err.println("debug: " + event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
    }
  }
}
