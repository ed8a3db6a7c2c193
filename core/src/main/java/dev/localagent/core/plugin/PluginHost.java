package dev.localagent.core.plugin;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.plugin.CommandIO;
import dev.localagent.api.tool.Tool;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.internal.Generation;
import dev.localagent.core.plugin.internal.PluginEventHub;
import dev.localagent.core.plugin.internal.PluginProviderProxy;
import dev.localagent.core.plugin.internal.PluginSlot;
import dev.localagent.core.plugin.internal.PluginToolProxy;
import dev.localagent.core.plugin.internal.Generations;
import dev.localagent.core.plugin.internal.RegistryBinding;
import dev.localagent.core.plugin.internal.SlotLookup;
import dev.localagent.core.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The plugins of one process. Opening it reads the index (or the jars' manifests when cold) and
 * resolves dependencies; no plugin class is loaded until a tool, provider or command of that
 * plugin is used, or {@link #activateAll()} is called. Thread-safe.
 */
public final class PluginHost implements AutoCloseable {
  private final Generations generations;
  private final SlotLookup lookup;
  private final List<RegistryBinding> bindings = new CopyOnWriteArrayList<>();
  private volatile Generation current;

  private PluginHost(Generations generations) {
    this.generations = generations;
    this.lookup = id -> current.slots().get(id);
    this.current = generations.build(null);
  }

  /** Discovers and resolves the plugins; a broken plugin is reported, never thrown. */
  public static PluginHost open(PluginLocations locations, PluginsConfig config) {
    return new PluginHost(new Generations(locations, config, PluginHost.class.getClassLoader()));
  }

  /** Every discovered plugin with its current status, in directory order. */
  public List<PluginInfo> plugins() {
    return current.currentInfos();
  }

  public Optional<PluginInfo> plugin(String id) {
    return plugins().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Lazy proxies for the tools of all runnable plugins; listing them loads no plugin class. */
  public List<Tool> tools() {
    var tools = new ArrayList<Tool>();
    current.tools().forEach((name, owner) -> tools.add(new PluginToolProxy(owner.getKey(), owner.getValue(), lookup)));
    return tools;
  }

  /** Lazy proxies for the model providers of all runnable plugins. */
  public List<ModelProvider> providers() {
    var providers = new ArrayList<ModelProvider>();
    for (String id : current.resolution().startOrder()) {
      for (String provider : current.slots().get(id).info().manifest().providers()) {
        providers.add(new PluginProviderProxy(id, provider, lookup));
      }
    }
    return providers;
  }

  /** The commands of all runnable plugins, from the index. */
  public List<PluginCommandInfo> commands() {
    var commands = new ArrayList<PluginCommandInfo>();
    for (String id : current.resolution().startOrder()) {
      current.slots().get(id).info().manifest().commands()
          .forEach(c -> commands.add(new PluginCommandInfo(c.name(), c.help(), id)));
    }
    return commands;
  }

  /**
   * Registers every plugin tool into {@code registry} and keeps it in step on {@link #reload()}.
   *
   * @throws IllegalArgumentException when a plugin tool's name is already taken by another tool
   */
  public void registerTools(ToolRegistry registry) {
    var binding = new RegistryBinding(registry);
    binding.sync(tools());
    bindings.add(binding);
  }

  /** Runs a plugin command; a throwing command becomes a {@code LA-PLUGIN-010} failure. */
  public int runCommand(String name, List<String> args, CommandIO io) {
    PluginCommandInfo info = commands().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new LocalAgentException(GeneralErrors.NOT_FOUND, "no plugin provides a command named '" + name + "'",
            "run 'localagent plugins list' to see the plugins and their commands"));
    return generations.runCommand(lookup, info, args, io);
  }

  /**
   * Starts every runnable plugin now, dependencies first, on a small pool; returns when all have
   * started or failed. Failures are reported by {@link #plugins()}, never thrown.
   */
  public void activateAll() {
    generations.activateAll(current);
  }

  /** Runs {@link #activateAll()} on a background thread (the {@code eager_activation} setting). */
  public Thread activateAllInBackground() {
    return Thread.ofPlatform().daemon().name("plugin-activation").start(this::activateAll);
  }

  /**
   * Picks up added, changed and removed jars and enable/disable changes. Unchanged plugins keep
   * running; a replaced plugin takes new calls on its new version at once, while calls already in
   * the old version finish there, after which the old version is stopped and its jar closed.
   *
   * @return the ids whose slot was replaced, added or removed
   */
  public synchronized Set<String> reload() {
    Generation old = current;
    Generation next = generations.build(old);
    current = next;
    for (RegistryBinding binding : bindings) {
      binding.sync(tools());
    }
    return generations.retireReplaced(old, next);
  }

  /** Watches the plugin directories and reloads on every change; close the handle to stop. */
  public AutoCloseable watch() {
    return generations.watch(this::reload);
  }

  /** Delivers a session event to every plugin that subscribed. */
  public void publish(SessionEvent event) {
    generations.events().publish(event);
  }

  public PluginEventHub events() {
    return generations.events();
  }

  /** Counters and sums reported by plugins, by {@code <plugin>.<name>}. */
  public Map<String, Double> metrics() {
    return generations.metrics().snapshot();
  }

  /** The current generation, for {@link PluginListing} to save what it resolved. */
  Generation generation() {
    return current;
  }

  /** How many jars the last discovery had to open (0 on a warm start with nothing changed). */
  public int jarsRead() {
    return generations.lastJarsRead();
  }

  /** Stops every running plugin (after its in-flight calls) and closes its jar. */
  @Override
  public synchronized void close() {
    current.slots().values().forEach(PluginSlot::retire);
  }

}
