package dev.localagent.core.plugin.internal;

import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.plugin.Plugin;
import dev.localagent.api.plugin.PluginCommand;
import dev.localagent.api.tool.Tool;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One started instance of a plugin: its class loader, entry object and contributions by name.
 * Calls enter and exit it; once retired (reload, disable, shutdown) it takes no new calls and is
 * stopped and its jar closed when the last in-flight call exits.
 */
final class PluginRuntime {
  final PluginClassLoader loader;
  private final Plugin plugin;
  private final HostPluginContext context;
  final Map<String, Tool> tools;
  final Map<String, PluginCommand> commands;
  final Map<String, ModelProvider> providers;
  // Guarded by this.
  private int inFlight;
  private boolean retired;

  private PluginRuntime(PluginClassLoader loader, Plugin plugin, HostPluginContext context) throws Exception {
    this.loader = loader;
    this.plugin = plugin;
    this.context = context;
    this.tools = byName(plugin.tools(), t -> t.spec().name());
    this.commands = byName(plugin.commands(), PluginCommand::name);
    this.providers = byName(plugin.providers(), ModelProvider::id);
  }

  /** Loads and starts a plugin; on any failure nothing stays open. */
  static PluginRuntime start(
      PluginInfo info, ApiOnlyClassLoader apiParent, List<PluginClassLoader> dependencies, HostPluginContext context) {
    PluginClassLoader loader;
    try {
      loader = new PluginClassLoader(info.id(), info.jar(), apiParent, dependencies);
    } catch (IOException | RuntimeException e) {
      context.closeSubscriptions();
      throw failure(PluginErrors.UNREADABLE_JAR, info, "cannot open " + info.jar().getFileName() + ": " + e.getMessage(), e);
    }
    // One context-loader swap for construction and start (both run plugin code).
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Plugin plugin = instantiate(info, loader);
      plugin.start(context);
      return new PluginRuntime(loader, plugin, context);
    } catch (LocalAgentException e) {
      closeQuietly(loader, context);
      throw e;
    } catch (Exception | LinkageError e) {
      closeQuietly(loader, context);
      throw failure(PluginErrors.START_FAILED, info, "failed to start: " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Plugin instantiate(PluginInfo info, PluginClassLoader loader) throws Exception {
    String entry = info.manifest().entry();
    Class<?> type;
    try {
      type = Class.forName(entry, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw failure(PluginErrors.MISSING_CLASS, info, "entry class " + entry + " cannot be loaded: " + e, e);
    }
    if (!Plugin.class.isAssignableFrom(type)) {
      throw failure(PluginErrors.MISSING_CLASS, info,
          "entry class " + entry + " does not implement " + Plugin.class.getName(), null);
    }
    try {
      return (Plugin) type.getConstructor().newInstance(); // The caller set the context loader.
    } catch (NoSuchMethodException e) {
      throw failure(PluginErrors.MISSING_CLASS, info, "entry class " + entry + " has no public no-argument constructor", e);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw failure(PluginErrors.START_FAILED, info, "constructor of " + entry + " threw " + e.getCause(), e.getCause());
    } catch (LinkageError e) {
      throw failure(PluginErrors.MISSING_CLASS, info, "entry class " + entry + " cannot be linked: " + e, e);
    }
  }

  private static LocalAgentException failure(ErrorCode code, PluginInfo info, String what, Throwable cause) {
    return new LocalAgentException(code, "plugin '" + info.id() + "' " + what,
        "run 'localagent plugins doctor'; fix or update the plugin, or disable it with 'localagent plugins disable "
            + info.id() + "'", cause);
  }

  /** Runs plugin code with the plugin's loader as context class loader (ServiceLoader etc.). */
  static <T> T withLoader(ClassLoader loader, Callable<T> action) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    // Most plugins contribute one tool and no command or provider: no HashMap for those.
    if (items == null || items.isEmpty()) {
      return Map.of();
    }
    if (items.size() == 1) {
      T item = items.getFirst();
      return Map.of(name.apply(item), item);
    }
    var map = new HashMap<String, T>();
    for (T item : items) {
      map.put(name.apply(item), item);
    }
    return Map.copyOf(map);
  }

  synchronized boolean tryEnter() {
    if (retired) {
      return false;
    }
    inFlight++;
    return true;
  }

  void exit() {
    boolean close;
    synchronized (this) {
      inFlight--;
      close = retired && inFlight == 0;
    }
    if (close) {
      stopAndClose();
    }
  }

  /** Takes no new calls; stops now if idle, else when the last in-flight call exits. */
  void retire() {
    boolean close;
    synchronized (this) {
      if (retired) {
        return;
      }
      retired = true;
      close = inFlight == 0;
    }
    if (close) {
      stopAndClose();
    }
  }

  private void stopAndClose() {
    try {
      withLoader(loader, () -> {
        plugin.stop();
        return null;
      });
    } catch (Exception | LinkageError e) {
      context.logger().error("stop failed", e);
    }
    closeQuietly(loader, context);
  }

  private static void closeQuietly(PluginClassLoader loader, HostPluginContext context) {
    context.closeSubscriptions();
    try {
      loader.close();
    } catch (IOException e) {
      // Closing a read-only jar cannot lose data; nothing to report to the user.
    }
  }
}
