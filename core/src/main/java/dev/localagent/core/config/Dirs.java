package dev.localagent.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where LocalAgent keeps its files, following the XDG base directory spec: user config, data
 * (sessions, plugins, plugin index, audit), state (logs), and the workdir tools are confined to.
 */
public record Dirs(Path configDir, Path dataDir, Path stateDir, Path workdir) {
  public Dirs {
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(stateDir, "stateDir");
    workdir = Objects.requireNonNull(workdir, "workdir").toAbsolutePath().normalize();
  }

  /** Resolves the directories from XDG_* variables and HOME, as a person's shell would. */
  public static Dirs fromEnvironment(Map<String, String> env, Path workdir) {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    return new Dirs(
        xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("localagent"),
        xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("localagent"),
        xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("localagent"),
        workdir);
  }

  private static Path xdg(Map<String, String> env, String name, Path fallback) {
    String value = env.get(name);
    // The spec says relative values are invalid and must be ignored.
    return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
  }

  public Path userConfigFile() {
    return configDir.resolve("config.yaml");
  }

  public Path projectConfigFile() {
    return workdir.resolve(".localagent/config.yaml");
  }

  public Path sessionsDir() {
    return dataDir.resolve("sessions");
  }

  public Path pluginsDir() {
    return dataDir.resolve("plugins");
  }

  public Path projectPluginsDir() {
    return workdir.resolve(".localagent/plugins");
  }

  public Path logFile() {
    return stateDir.resolve("localagent.log");
  }
}
