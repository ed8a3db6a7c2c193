package dev.localagent.api.plugin;

import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.tool.Tool;
import java.util.List;

/**
 * The entry class of a plugin, named by {@code entry} in its manifest. It needs a public no-argument
 * constructor. The host calls {@link #start} once before any contribution is used, and {@link
 * #stop} once when the plugin is disabled, reloaded or the process ends.
 *
 * <p>Contributions must match the manifest: every tool, command and provider the manifest
 * declares is listed from the manifest without loading this class, and looked up here by name on
 * first use.
 */
public interface Plugin {

  /** Prepares the plugin; an exception here disables the plugin and its dependents. */
  default void start(PluginContext context) throws Exception {}

  /** Releases what {@link #start} acquired. Called at most once. */
  default void stop() throws Exception {}

  /** The tools this plugin contributes; names match the manifest's {@code provides.tools}. */
  default List<Tool> tools() {
    return List.of();
  }

  /** The commands this plugin adds to the CLI; names match {@code provides.commands}. */
  default List<PluginCommand> commands() {
    return List.of();
  }

  /** The model providers this plugin contributes; ids match {@code provides.providers}. */
  default List<ModelProvider> providers() {
    return List.of();
  }
}
