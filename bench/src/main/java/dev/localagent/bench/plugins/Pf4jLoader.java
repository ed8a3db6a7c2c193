package dev.localagent.bench.plugins;

import java.nio.file.Path;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.slf4j.LoggerFactory;

/** The comparison: PF4J 3.13.0's jar plugin manager loading and starting the same jars. */
final class Pf4jLoader {
  private Pf4jLoader() {}

  /** Loads and starts every plugin in {@code dir}; the caller stops it with {@link #stop}. */
  static PluginManager loadAndStart(Path dir, int expected) {
    var manager = new JarPluginManager(dir);
    manager.loadPlugins();
    manager.startPlugins();
    long started = manager.getPlugins().stream().filter(p -> p.getPluginState() == PluginState.STARTED).count();
    if (started != expected) {
      throw new IllegalStateException("PF4J started " + started + " of " + expected + " plugins");
    }
    return manager;
  }

  static void stop(PluginManager manager) {
    manager.stopPlugins();
    manager.unloadPlugins();
  }

  /** PF4J logs every plugin it loads at INFO; keep that I/O out of the timing (ours logs nothing). */
  static void quietLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      context.getLogger("org.pf4j").setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
