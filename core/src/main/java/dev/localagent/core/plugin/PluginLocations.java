package dev.localagent.core.plugin;

import dev.localagent.core.config.Dirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the plugin host looks and keeps its files: the plugin directories in precedence order,
 * the discovery index, the enable/disable state file and the root of plugin data directories.
 */
public record PluginLocations(List<Path> dirs, Path indexFile, Path stateFile, Path dataRoot) {
  public PluginLocations {
    dirs = List.copyOf(dirs);
    Objects.requireNonNull(indexFile, "indexFile");
    Objects.requireNonNull(stateFile, "stateFile");
    Objects.requireNonNull(dataRoot, "dataRoot");
  }

  /**
   * The standard layout: the user's plugin directory, the project's {@code .localagent/plugins},
   * then {@code extra_dirs} (relative ones against the workdir), then the built-in plugins that
   * ship with the CLI ({@code LOCALAGENT_HOME/plugins} when set).
   */
  public static PluginLocations of(Dirs dirs, PluginsConfig config, Path builtinDir) {
    var list = new ArrayList<Path>();
    list.add(dirs.pluginsDir());
    list.add(dirs.projectPluginsDir());
    for (String extra : config.extraDirs()) {
      list.add(dirs.workdir().resolve(extra).normalize());
    }
    if (builtinDir != null) {
      list.add(builtinDir);
    }
    Path data = dirs.dataDir();
    return new PluginLocations(list, data.resolve("plugin-index.bin"), data.resolve("plugin-state.properties"),
        data.resolve("plugin-data"));
  }

  /** Where {@code plugins install} puts jars. */
  public Path installDir() {
    return dirs.getFirst();
  }
}
