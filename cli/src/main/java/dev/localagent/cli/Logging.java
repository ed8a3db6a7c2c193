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
 * Logging for a command that loaded its configuration: SLF4J through logback to the log file
 * under the state directory; stderr gets the log only with {@code --debug}.
 *
 * <p>Started lazily: {@link #configure} only records the settings, and logback starts when the
 * first logger is asked for (by our code or a library; {@link LogbackProvider} or {@link
 * QuietLogbackConfigurator} call {@link #attach}). A command that logs nothing, like {@code
 * plugins list}, never loads logback, whose start-up (context, file appender, pattern parser,
 * date formatting) was a fifth of that command's time. The first line of a started log names
 * the command. {@code --debug} starts it at once, so the mirror on stderr shows that line too.
 * A log file that cannot be opened is skipped, never fatal.
 */
final class Logging {
  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";

  /** What {@link #attach} applies: the loaded section, where to write, and the command line it logs first. */
  record Settings(LoggingConfig config, Dirs dirs, boolean debug, PrintWriter err, String command,
      Object configFiles, int warnings) {}

  /** The latest command's settings (in-process tests run many), and the started context if any. */
  private static Settings pending;
  private static LoggerContext started;

  private Logging() {}

  /** Records {@code settings}; applies them now if logback is running already or with --debug. */
  static void configure(Settings settings) {
    synchronized (Logging.class) {
      pending = settings;
      if (started != null) {
        apply(started, settings);
        return;
      }
    }
    if (settings.debug()) {
      // Outside the lock: SLF4J initialises under its own lock and calls attach, which takes ours.
      LoggerFactory.getILoggerFactory();
    }
  }

  /** Called once when logback starts: applies the recorded settings, or silences it until they come. */
  static synchronized void attach(LoggerContext context) {
    started = context;
    if (pending != null) {
      apply(context, pending);
    } else {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    }
  }

  private static void apply(LoggerContext context, Settings settings) {
    context.reset();
    boolean debug = settings.debug();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(debug ? Level.DEBUG : Level.toLevel(settings.config().level().name(), Level.INFO));
    // The MCP SDK logs each server's whole instructions text at INFO; our own lines say what matters.
    context.getLogger("io.modelcontextprotocol").setLevel(debug ? Level.DEBUG : Level.WARN);
    LoggingConfig config = settings.config();
    Path file = config.file().isEmpty() ? settings.dirs().logFile() : Path.of(config.file());
    if (createParent(file)) {
      var appender = new FileAppender<ILoggingEvent>();
      appender.setContext(context);
      appender.setFile(file.toString());
      appender.setEncoder(encoder(context));
      appender.start();
      root.addAppender(appender);
    }
    if (debug) {
      var console = new WriterAppender(settings.err());
      console.setContext(context);
      console.start();
      root.addAppender(console);
    }
    context.getLogger(LocalAgentCommand.class).info("command '{}', config files {}, {} warning(s)",
        settings.command(), settings.configFiles(), settings.warnings());
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
