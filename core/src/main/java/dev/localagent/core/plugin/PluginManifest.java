package dev.localagent.core.plugin;

import dev.localagent.api.tool.ToolSpec;
import java.util.List;
import java.util.Objects;

/**
 * The contents of a plugin's {@code META-INF/localagent/plugin.json}: who it is, what it needs,
 * what it provides and what it may touch. Everything listed about a plugin comes from here,
 * without loading its classes.
 */
public record PluginManifest(
    String id,
    String version,
    String apiVersion,
    String description,
    String entry,
    List<Dependency> dependencies,
    List<ToolSpec> tools,
    List<CommandDecl> commands,
    List<String> providers,
    Permissions permissions) {

  /** Where the manifest lives inside a plugin jar. */
  public static final String PATH = "META-INF/localagent/plugin.json";

  public PluginManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(apiVersion, "apiVersion");
    description = description == null ? "" : description;
    Objects.requireNonNull(entry, "entry");
    dependencies = List.copyOf(dependencies);
    tools = List.copyOf(tools);
    commands = List.copyOf(commands);
    providers = List.copyOf(providers);
    Objects.requireNonNull(permissions, "permissions");
  }

  /** Another plugin this one needs ({@code optional}: uses when present). */
  public record Dependency(String id, String versionRange, boolean optional) {
    public Dependency {
      Objects.requireNonNull(id, "id");
      versionRange = versionRange == null || versionRange.isBlank() ? "*" : versionRange;
    }

    public VersionRange range() {
      return VersionRange.parse(versionRange);
    }
  }

  /** A CLI command the plugin adds. */
  public record CommandDecl(String name, String help) {
    public CommandDecl {
      Objects.requireNonNull(name, "name");
      help = help == null ? "" : help;
    }
  }

  /** What the plugin declares it touches: paths (globs), whether it runs programs, hosts. */
  public record Permissions(List<String> paths, boolean exec, List<String> network) {
    public static final Permissions NONE = new Permissions(List.of(), false, List.of());

    public Permissions {
      paths = List.copyOf(paths);
      network = List.copyOf(network);
    }
  }

  public SemVer semVer() {
    return SemVer.parse(version);
  }
}
