package dev.localagent.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration from its five layers, lowest first: built-in defaults, the user file
 * (or {@code --config FILE}), the project file {@code .localagent/config.yaml}, {@code
 * LOCALAGENT_*} environment variables, and command-line flags. Returns every problem instead of
 * throwing, so callers decide whether a broken config is fatal (it is for most commands, not for
 * {@code doctor} or {@code config validate}).
 */
public final class ConfigLoader {
  /** Environment variables with this prefix and a {@code __} between levels set config keys. */
  public static final String ENV_PREFIX = "LOCALAGENT_";

  private final ConfigSchema schema;
  private final Map<String, Object> defaults;

  public ConfigLoader(ConfigSchema schema) {
    this.schema = schema;
    this.defaults = defaultsTree(schema);
  }

  /** A value set on the command line, e.g. {@code --log-level debug} sets {@code logging.level}. */
  public record FlagValue(String key, String value, String flag) {}

  /**
   * What to load. {@code explicitFile} replaces the user file when present; {@code pending} gives
   * file contents to use instead of what is on disk (used to validate an edit before writing it).
   */
  public record Inputs(Dirs dirs, Optional<Path> explicitFile, Map<String, String> env,
      List<FlagValue> flags, Map<Path, String> pending) {
    public Inputs(Dirs dirs, Optional<Path> explicitFile, Map<String, String> env, List<FlagValue> flags) {
      this(dirs, explicitFile, env, flags, Map.of());
    }

    /** The file {@code config set} writes to and the user layer reads from. */
    public Path userFile() {
      return explicitFile.orElse(dirs.userConfigFile());
    }
  }

  @SuppressWarnings("unchecked")
  public ConfigLoad load(Inputs inputs) {
    var problems = new ArrayList<ConfigProblem>();
    var files = new ArrayList<Path>();
    var merged = ConfigTree.empty();
    merged.root().putAll((Map<String, Object>) ConfigTree.deepCopy(defaults));
    mergeFile(merged, inputs, inputs.userFile(), inputs.explicitFile().isPresent(), problems, files);
    mergeFile(merged, inputs, inputs.dirs().projectConfigFile(), false, problems, files);
    merged.mergeFrom(environmentLayer(inputs.env()));
    for (var flag : inputs.flags()) {
      merged.put(flag.key(), Scalars.fromText(flag.value()), SourceLocation.of("flag " + flag.flag()));
    }
    var values = bindAll(merged, inputs.env(), problems);
    boolean failed = problems.stream().anyMatch(ConfigProblem::isError);
    var config = failed ? Optional.<LoadedConfig>empty()
        : Optional.of(new LoadedConfig(schema, values, merged));
    return new ConfigLoad(config, problems, files);
  }

  /** The defaults as a tree, computed once; each load merges the other layers into a copy. */
  private static Map<String, Object> defaultsTree(ConfigSchema schema) {
    var tree = new LinkedHashMap<String, Object>();
    for (var section : schema.sections()) {
      tree.put(section.key(), PlainTree.of(section.defaults()));
    }
    return tree;
  }

  private static void mergeFile(ConfigTree merged, Inputs inputs, Path file, boolean required,
      List<ConfigProblem> problems, List<Path> files) {
    String text = inputs.pending().get(file);
    if (text == null && !required && !Files.exists(file)) {
      return; // the usual case for the project file; no exception on the hot path
    }
    if (text == null) {
      try {
        text = Files.readString(file);
      } catch (NoSuchFileException e) {
        if (required) {
          problems.add(unreadable(file, "it does not exist"));
        }
        return;
      } catch (IOException e) {
        problems.add(unreadable(file, e.getClass().getSimpleName() + " " + e.getMessage()));
        return;
      }
    }
    files.add(file);
    var layer = YamlLayer.parse(file.toString(), text, inputs.env());
    problems.addAll(layer.problems());
    merged.mergeFrom(layer.tree());
  }

  private static ConfigProblem unreadable(Path file, String found) {
    return ConfigProblem.error(ConfigErrors.UNREADABLE, SourceLocation.of(file.toString()), "",
        "a readable config file", found, "check the path and its permissions");
  }

  /** {@code LOCALAGENT_GATEWAY__PORT=9000} sets {@code gateway.port}; {@code __} separates levels. */
  static ConfigTree environmentLayer(Map<String, String> env) {
    // A loop, not a stream with Map.Entry.comparingByKey(): that comparator is a lambda the JDK
    // spins at its first use, in every process (the AOT cache does not keep it).
    var sorted = new java.util.TreeMap<String, String>();
    for (var entry : env.entrySet()) {
      if (entry.getKey().startsWith(ENV_PREFIX) && entry.getKey().contains("__")) {
        sorted.put(entry.getKey(), entry.getValue());
      }
    }
    var tree = ConfigTree.empty();
    for (var entry : sorted.entrySet()) {
      tree.put(envKeyPath(entry.getKey()), Scalars.fromText(entry.getValue()),
          SourceLocation.of("environment variable " + entry.getKey()));
    }
    return tree;
  }

  static String envKeyPath(String variable) {
    return variable.substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT).replace("__", ".");
  }

  private Map<String, Object> bindAll(ConfigTree merged, Map<String, String> env, List<ConfigProblem> problems) {
    var values = new LinkedHashMap<String, Object>();
    for (var key : new ArrayList<>(merged.root().keySet())) {
      if (schema.section(key).isEmpty()) {
        problems.add(UnknownKeys.unknown(merged.locate(key), key, key, schema.keys()));
        merged.root().remove(key);
      }
    }
    var binder = new RecordBinder(env);
    for (var section : schema.sections()) {
      Object node = merged.root().get(section.key());
      UnknownKeys.strip(merged, section.key(), node, section.type(), problems);
      try {
        values.put(section.key(), binder.bind(node, section.type(), section.key()));
      } catch (BindingFailure failure) {
        problems.add(BindingErrors.describe(failure, merged));
      }
    }
    return values;
  }
}
