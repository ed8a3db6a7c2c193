package dev.localagent.core.plugin.internal;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A resolved plugin in one generation of the host: activated on first use (dependencies first),
 * remembers a failure so it is reported the same way on every later call, and retires its
 * runtime when a reload replaces it.
 */
public final class PluginSlot {
  private final PluginInfo info;
  private final List<PluginSlot> dependencies;
  private final Function<PluginSlot, PluginRuntime> starter;
  private volatile PluginRuntime runtime;
  private volatile PluginFailure failure;
  // Guarded by this.
  private boolean retired;

  PluginSlot(PluginInfo info, List<PluginSlot> dependencies, Function<PluginSlot, PluginRuntime> starter) {
    this.info = info;
    this.dependencies = List.copyOf(dependencies);
    this.starter = starter;
  }

  public PluginInfo info() {
    return info;
  }

  List<PluginSlot> dependencies() {
    return dependencies;
  }

  public boolean isActive() {
    return runtime != null;
  }

  public PluginFailure failure() {
    return failure;
  }

  /**
   * The running instance with one call entered, activating it first if needed; the caller must
   * {@link PluginRuntime#exit()} it. Null when this slot was retired by a reload meanwhile.
   *
   * @throws LocalAgentException when the plugin or a dependency could not start
   */
  PluginRuntime enter() {
    PluginRuntime current = runtime;
    if (current == null) {
      current = activate();
      if (current == null) {
        return null;
      }
    }
    return current.tryEnter() ? current : null;
  }

  /** Starts the plugin if it is not running yet; null when retired. */
  synchronized PluginRuntime activate() {
    if (failure != null) {
      throw failure.toException();
    }
    if (retired) {
      return null;
    }
    if (runtime == null) {
      for (PluginSlot dependency : dependencies) {
        try {
          dependency.activate();
        } catch (LocalAgentException e) {
          fail(new PluginFailure(PluginErrors.MISSING_DEPENDENCY,
              "plugin '" + info.id() + "' needs '" + dependency.info.id() + "', which failed: " + e.getMessage(),
              "fix or disable '" + dependency.info.id() + "' (see 'localagent plugins doctor')"));
          throw failure.toException();
        }
      }
      try {
        runtime = starter.apply(this);
      } catch (LocalAgentException e) {
        fail(new PluginFailure(e.code(), e.getMessage(), e.hint()));
        throw e;
      }
    }
    return runtime;
  }

  List<PluginClassLoader> dependencyLoaders() {
    var loaders = new ArrayList<PluginClassLoader>();
    for (PluginSlot dependency : dependencies) {
      PluginRuntime running = dependency.runtime;
      if (running != null) {
        loaders.add(running.loader);
      }
    }
    return loaders;
  }

  synchronized void fail(PluginFailure reason) {
    if (failure == null) {
      failure = reason;
    }
  }

  /** Takes this slot out of service; its runtime stops once in-flight calls have finished. */
  public synchronized void retire() {
    retired = true;
    PluginRuntime current = runtime;
    runtime = null;
    if (current != null) {
      current.retire();
    }
  }

  /** The status as seen now: the resolved status refined by activation. */
  public PluginInfo currentInfo() {
    if (failure != null) {
      return info.withStatus(PluginInfo.Status.FAILED, failure);
    }
    return runtime != null ? info.withStatus(PluginInfo.Status.ACTIVE, null) : info;
  }
}
