package dev.localagent.core.plugin.internal;

import dev.localagent.api.LocalAgentApi;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginInfo.Status;
import dev.localagent.core.plugin.PluginManifest;
import dev.localagent.core.plugin.PluginManifest.Dependency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which discovered plugins may run: refuses duplicates, incompatible API versions, missing
 * or out-of-range dependencies, cycles and clashing tool names, and disables exactly the refused
 * plugins and whatever depends on them. The first jar found wins a clash (directory order).
 */
public final class DependencyResolver {
  private final Map<String, PluginInfo> byId = new LinkedHashMap<>();
  private final List<PluginInfo> rejected = new ArrayList<>();
  // Thousands of plugins share a handful of API versions: check each once.
  private final Map<String, Boolean> compatible = new HashMap<>();
  private final Set<String> disabled;

  private DependencyResolver(Set<String> disabled) {
    this.disabled = disabled;
  }

  public static Resolution resolve(List<Candidate> candidates, Set<String> disabled) {
    var resolver = new DependencyResolver(disabled);
    resolver.admit(candidates);
    resolver.failMissingDependencies();
    resolver.failCycles();
    resolver.failMissingDependencies();
    resolver.failDuplicateNames();
    resolver.failMissingDependencies();
    return resolver.result();
  }

  private void admit(List<Candidate> candidates) {
    for (Candidate c : candidates) {
      String id = c.id();
      if (c.failure() != null) {
        rejected.add(new PluginInfo(id, c.jar(), null, Status.FAILED, c.failure()));
      } else if (byId.containsKey(id)) {
        Path first = byId.get(id).jar();
        rejected.add(failed(c, PluginErrors.DUPLICATE_ID,
            "plugin id '" + id + "' in " + c.jar() + " is already provided by " + first,
            "remove one of the two jars"));
      } else if (!compatible.computeIfAbsent(c.manifest().apiVersion(), LocalAgentApi::isCompatible)) {
        byId.put(id, failed(c, PluginErrors.INCOMPATIBLE_API,
            "plugin '" + id + "' was built for API " + c.manifest().apiVersion()
                + " but this LocalAgent provides API " + LocalAgentApi.VERSION,
            "install a version of the plugin built for API " + LocalAgentApi.VERSION));
      } else {
        var status = disabled.contains(id) ? Status.DISABLED : Status.READY;
        byId.put(id, new PluginInfo(id, c.jar(), c.manifest(), status, null));
      }
    }
  }

  private static PluginInfo failed(Candidate c, ErrorCode code, String message, String hint) {
    return new PluginInfo(c.id(), c.jar(), c.manifest(), Status.FAILED, new PluginFailure(code, message, hint));
  }

  /** Fails every ready plugin with an unusable required dependency, until nothing changes. */
  private void failMissingDependencies() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (PluginInfo info : List.copyOf(byId.values())) {
        if (info.status() != Status.READY) continue;
        for (Dependency dep : info.manifest().dependencies()) {
          String problem = dep.optional() ? null : problem(dep);
          if (problem != null) {
            fail(info, PluginErrors.MISSING_DEPENDENCY,
                "plugin '" + info.id() + "' needs '" + dep.id() + "' " + dep.versionRange() + ", which " + problem,
                "install or enable '" + dep.id() + "' " + dep.versionRange() + ", or disable '" + info.id() + "'");
            changed = true;
            break;
          }
        }
      }
    }
  }

  /** Why a dependency cannot be used, or null when it can. */
  private String problem(Dependency dep) {
    PluginInfo target = byId.get(dep.id());
    if (target == null) return "is not installed";
    if (target.status() == Status.DISABLED) return "is disabled";
    if (target.status() == Status.FAILED) return "failed (" + target.failure().code().id() + ")";
    if (!dep.range().contains(target.manifest().semVer())) return "is at version " + target.version();
    return null;
  }

  private void failCycles() {
    var state = new HashMap<String, Integer>(); // 1 = on the current path, 2 = done
    for (String id : List.copyOf(byId.keySet())) {
      findCycle(id, state, new ArrayList<>());
    }
  }

  private void findCycle(String id, Map<String, Integer> state, List<String> path) {
    PluginInfo info = byId.get(id);
    if (info == null || info.status() != Status.READY || info.manifest().dependencies().isEmpty()) return;
    if (state.getOrDefault(id, 0) == 2) return;
    if (state.getOrDefault(id, 0) == 1) {
      var cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      for (String member : cycle.subList(0, cycle.size() - 1)) {
        fail(byId.get(member), PluginErrors.DEPENDENCY_CYCLE,
            "plugin '" + member + "' is in a dependency cycle: " + String.join(" -> ", cycle),
            "remove one of these dependencies (optional ones too) from the manifests");
      }
      return;
    }
    state.put(id, 1);
    path.add(id);
    for (Dependency dep : info.manifest().dependencies()) {
      findCycle(dep.id(), state, path);
    }
    path.removeLast();
    state.put(id, 2);
  }

  private void failDuplicateNames() {
    var tools = new HashMap<String, String>();
    var commands = new HashMap<String, String>();
    var providers = new HashMap<String, String>();
    for (PluginInfo info : List.copyOf(byId.values())) {
      if (info.status() != Status.READY) continue;
      PluginManifest m = info.manifest();
      String clash = null;
      for (var tool : m.tools()) {
        clash = clash != null ? clash : claim(info.id(), "tool", tool.name(), tools);
      }
      for (var command : m.commands()) {
        clash = clash != null ? clash : claim(info.id(), "command", command.name(), commands);
      }
      for (String provider : m.providers()) {
        clash = clash != null ? clash : claim(info.id(), "provider", provider, providers);
      }
      if (clash != null) {
        fail(info, PluginErrors.DUPLICATE_NAME, "plugin '" + info.id() + "' provides " + clash,
            "disable one of the two plugins");
      }
    }
  }

  /** Claims a name for {@code id}; returns a description of the clash, or null. */
  private static String claim(String id, String kind, String name, Map<String, String> owners) {
    String owner = owners.putIfAbsent(name, id);
    return owner == null ? null : kind + " '" + name + "', which plugin '" + owner + "' already provides";
  }

  private void fail(PluginInfo info, ErrorCode code, String message, String hint) {
    byId.put(info.id(), info.withStatus(Status.FAILED, new PluginFailure(code, message, hint)));
  }

  private Resolution result() {
    var all = new ArrayList<>(byId.values());
    all.addAll(rejected);
    var order = new ArrayList<String>();
    var visited = new HashSet<String>();
    var dependents = new HashMap<String, List<String>>();
    for (PluginInfo info : byId.values()) {
      if (info.status() != Status.READY) continue;
      visit(info.id(), visited, order);
      for (Dependency dep : info.manifest().dependencies()) {
        if (isReady(dep.id())) {
          dependents.computeIfAbsent(dep.id(), k -> new ArrayList<>()).add(info.id());
        }
      }
    }
    return new Resolution(all, order, dependents, new TreeSet<>(disabled));
  }

  private void visit(String id, Set<String> visited, List<String> order) {
    if (!visited.add(id)) return;
    for (Dependency dep : byId.get(id).manifest().dependencies()) {
      if (isReady(dep.id())) visit(dep.id(), visited, order);
    }
    order.add(id);
  }

  private boolean isReady(String id) {
    PluginInfo info = byId.get(id);
    return info != null && info.status() == Status.READY;
  }
}
