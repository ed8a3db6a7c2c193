package dev.localagent.core.plugin.internal;

import dev.localagent.api.plugin.CommandIO;
import dev.localagent.api.plugin.PluginCommand;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.PluginCommandInfo;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginLocations;
import dev.localagent.core.plugin.PluginManifest.Dependency;
import dev.localagent.core.plugin.PluginsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Builds generations of plugins (discover, resolve, slot) and runs what spans a generation. */
public final class Generations {
  private final PluginLocations locations;
  private final PluginsConfig config;
  private final ApiOnlyClassLoader apiParent;
  private final PluginEventHub events = new PluginEventHub();
  private final CountingMetrics metrics = new CountingMetrics();
  private volatile int lastJarsRead;

  public Generations(PluginLocations locations, PluginsConfig config, ClassLoader host) {
    this.locations = locations;
    this.config = config;
    this.apiParent = new ApiOnlyClassLoader(host);
  }

  /** Discovers and resolves; slots of unchanged plugins whose dependencies are unchanged are kept. */
  public Generation build(Generation old) {
    Discovery.Result found = Discovery.scan(locations.dirs(), locations.indexFile());
    lastJarsRead = found.jarsRead();
    if (found.indexStale()) {
      try {
        IndexFile.write(locations.indexFile(), found.candidates());
      } catch (IOException e) {
        // A read-only data directory only costs the next start a cold scan.
      }
    }
    Set<String> disabled;
    try {
      disabled = StateFile.effectiveDisabled(config.disabled(), StateFile.read(locations.stateFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + locations.stateFile(), e);
    }
    Resolution resolution = DependencyResolver.resolve(found.candidates(), disabled);
    var byId = new HashMap<String, PluginInfo>();
    resolution.plugins().forEach(p -> byId.putIfAbsent(p.id(), p));
    var slots = new HashMap<String, PluginSlot>();
    var generation = new Generation(found.candidates(), resolution, Map.of());
    for (String id : resolution.startOrder()) {
      slots.put(id, reuseOrCreate(old, generation, byId.get(id), slots, resolution));
    }
    return new Generation(generation.candidates(), resolution, slots); // Copied once, above.
  }

  private PluginSlot reuseOrCreate(
      Generation old, Generation next, PluginInfo info, Map<String, PluginSlot> slots, Resolution resolution) {
    List<Dependency> declared = info.manifest().dependencies();
    var deps = declared.isEmpty() ? List.<PluginSlot>of() : new ArrayList<PluginSlot>(declared.size());
    for (Dependency dep : declared) {
      PluginSlot slot = slots.get(dep.id());
      if (slot != null) deps.add(slot);
    }
    PluginSlot previous = old == null ? null : old.slots().get(info.id());
    if (previous != null && previous.failure() == null && sameJar(old, next, info.id())
        && previous.dependencies().equals(deps)) {
      return previous;
    }
    return new PluginSlot(info, deps, slot -> start(slot, resolution));
  }

  private static boolean sameJar(Generation old, Generation next, String id) {
    Candidate a = old.candidate(id);
    Candidate b = next.candidate(id);
    return a != null && b != null && a.jar().equals(b.jar()) && a.sameFile(b.size(), b.mtimeMillis());
  }

  private PluginRuntime start(PluginSlot slot, Resolution resolution) {
    PluginInfo info = slot.info();
    var context = new HostPluginContext(info.id(), config.settings().get(info.id()),
        locations.dataRoot().resolve(info.id()), events, metrics.forPlugin(info.id()));
    return PluginRuntime.start(info, apiParent, slot.dependencyLoaders(), context);
  }

  /** Retires the old generation's slots that the new one does not reuse; returns their ids. */
  public Set<String> retireReplaced(Generation old, Generation next) {
    var changed = new HashSet<String>();
    old.slots().forEach((id, slot) -> {
      if (next.slots().get(id) != slot) {
        slot.retire();
        changed.add(id);
      }
    });
    next.slots().forEach((id, slot) -> {
      if (old.slots().get(id) != slot) changed.add(id);
    });
    return changed;
  }

  public void activateAll(Generation generation) {
    List<String> order = generation.resolution().startOrder();
    int threads = Math.max(1, Math.min(order.size(), Runtime.getRuntime().availableProcessors()));
    try (var pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("plugin-start-", 0).factory())) {
      var futures = new ArrayList<Future<?>>();
      for (String id : order) {
        PluginSlot slot = generation.slots().get(id);
        futures.add(pool.submit(() -> activateQuietly(generation, slot)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("plugin activation failed unexpectedly", e.getCause());
    }
  }

  private void activateQuietly(Generation generation, PluginSlot slot) {
    try {
      slot.activate();
    } catch (LocalAgentException e) {
      failDependents(generation, slot.info().id(), slot.failure());
    }
  }

  /** Marks everything that (transitively) depends on a failed plugin as failed too. */
  private void failDependents(Generation generation, String failedId, PluginFailure cause) {
    for (String dependent : generation.resolution().dependents().getOrDefault(failedId, List.of())) {
      PluginSlot slot = generation.slots().get(dependent);
      if (slot != null && slot.failure() == null && !slot.isActive()) {
        slot.fail(new PluginFailure(PluginErrors.MISSING_DEPENDENCY,
            "plugin '" + dependent + "' needs '" + failedId + "', which failed (" + cause.code().id() + ")",
            "fix or disable '" + failedId + "' (see 'localagent plugins doctor')"));
        failDependents(generation, dependent, slot.failure());
      }
    }
  }

  public int runCommand(SlotLookup lookup, PluginCommandInfo info, List<String> args, CommandIO io) {
    PluginRuntime runtime = lookup.enter(info.pluginId());
    try {
      PluginCommand command = runtime.commands.get(info.name());
      if (command == null) {
        throw new LocalAgentException(PluginErrors.UNDECLARED_CONTRIBUTION,
            "plugin '" + info.pluginId() + "' declares command '" + info.name() + "' but does not provide it",
            "report this to the plugin's author");
      }
      return PluginRuntime.withLoader(runtime.loader, () -> command.run(List.copyOf(args), io));
    } catch (LocalAgentException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw new LocalAgentException(PluginErrors.CALL_FAILED,
          "command '" + info.name() + "' of plugin '" + info.pluginId() + "' failed: " + e,
          "rerun with --debug for the stack trace and report it to the plugin's author", e);
    } finally {
      runtime.exit();
    }
  }

  public AutoCloseable watch(Runnable reload) {
    return PluginWatcher.start(locations.dirs(), reload);
  }

  public PluginEventHub events() {
    return events;
  }

  public CountingMetrics metrics() {
    return metrics;
  }

  public int lastJarsRead() {
    return lastJarsRead;
  }
}
