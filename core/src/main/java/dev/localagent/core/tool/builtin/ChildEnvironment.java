package dev.localagent.core.tool.builtin;

import dev.localagent.core.policy.Secrets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The environment shell.exec passes on: the given variables minus secret-named ones. The native
 * {@code envp} block for posix_spawn is built on first use and kept, so a command costs no
 * per-call string building for its environment (it is fixed per tool instance anyway).
 */
final class ChildEnvironment {
  private final Map<String, String> variables;
  private volatile Block block;

  /** The arena stays reachable with its block: the pointer array points into its strings. */
  private record Block(Arena arena, MemorySegment envp) {}

  ChildEnvironment(Map<String, String> environment) {
    this.variables = Map.copyOf(Secrets.scrubEnvironment(environment));
  }

  Map<String, String> variables() {
    return variables;
  }

  /** The NULL-terminated {@code KEY=value} array; lives as long as this object. */
  MemorySegment envp() {
    Block built = block;
    if (built == null) {
      Arena arena = Arena.ofAuto();
      var entries = variables.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
      built = new Block(arena, NativeSpawn.strings(arena, entries));
      block = built; // a race builds it twice; both copies are equal
    }
    return built.envp();
  }
}
