package dev.localagent.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Replaces logback's default setup (DEBUG to the console) when SLF4J was bound through its
 * ServiceLoader rather than {@link LogbackProvider} (a logger asked for before {@link Cli} set
 * {@code slf4j.provider}): hands the context to {@link Logging}, which keeps it silent until a
 * command's settings arrive, so a library cannot write to the terminal. Found through
 * META-INF/services.
 */
public final class QuietLogbackConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    Logging.attach(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
