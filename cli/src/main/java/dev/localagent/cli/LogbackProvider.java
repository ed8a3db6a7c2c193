package dev.localagent.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's binding to logback, named by the {@code slf4j.provider} system property ({@link Cli}
 * sets it) and configured by {@link Logging} directly. logback's own provider finds its
 * configurators through a ServiceLoader, and SLF4J finds providers the same way: each lookup
 * opens every one of the ~50 jars on the class path, which was most of logback's start-up in a
 * command that logs. Does what logback's {@code LogbackServiceProvider} does, minus that search.
 */
public final class LogbackProvider implements SLF4JServiceProvider {
  private final LoggerContext context = new LoggerContext();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

  @Override
  public void initialize() {
    context.setName("default");
    context.setMDCAdapter(mdc);
    context.start();
    Logging.attach(context);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
