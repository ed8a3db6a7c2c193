package dev.localagent.core.plugin;

import dev.localagent.core.config.ConfigSection;
import java.util.List;
import java.util.Map;

/**
 * The {@code plugins} section of config.yaml.
 *
 * @param extraDirs {@code extra_dirs}: more directories to look for plugin jars in, after the user
 *     and project plugin directories
 * @param disabled {@code disabled}: plugin ids not to load (overridden by {@code plugins enable})
 * @param eagerActivation {@code eager_activation}: start every plugin in the background at startup
 *     of long-running commands instead of on first use
 * @param settings {@code settings}: each plugin's own section, by plugin id, handed to it as
 *     {@code PluginContext.config()}
 */
public record PluginsConfig(
    List<String> extraDirs,
    List<String> disabled,
    boolean eagerActivation,
    Map<String, Map<String, Object>> settings) {

  public static final PluginsConfig DEFAULT = new PluginsConfig(List.of(), List.of(), false, Map.of());

  public static final ConfigSection<PluginsConfig> SECTION =
      new ConfigSection<>("plugins", PluginsConfig.class, DEFAULT);

  public PluginsConfig {
    extraDirs = extraDirs == null ? List.of() : List.copyOf(extraDirs);
    disabled = disabled == null ? List.of() : List.copyOf(disabled);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
