package dev.localagent.core.plugin.testkit;

import dev.localagent.core.plugin.PluginLocations;
import java.nio.file.Path;
import java.util.List;

/** Sources and layouts for test plugins. */
public final class TestPlugins {
  private TestPlugins() {}

  /** A plugin class {@code pkg.Entry} with one tool whose call runs {@code body}. */
  public static String toolPlugin(String pkg, String toolName, String body) {
    return toolPlugin(pkg, toolName, body, "");
  }

  /** As above, with extra members (e.g. a start method) in the entry class. */
  public static String toolPlugin(String pkg, String toolName, String body, String members) {
    return """
        package %s;
        import dev.localagent.api.plugin.*;
        import dev.localagent.api.tool.*;
        import java.util.*;
        public final class Entry implements Plugin {
          %s
          @Override public List<Tool> tools() {
            return List.of(new Tool() {
              @Override public ToolSpec spec() { return new ToolSpec("%s", "test tool", null); }
              @Override public ToolResult call(ToolRequest request, ToolOutput output) throws InterruptedException {
                %s
              }
            });
          }
        }
        """.formatted(pkg, members, toolName, body);
  }

  /** A plugin jar with one tool that answers {@code reply}. */
  public static PluginJarBuilder echo(String id, String toolName, String reply) {
    String pkg = "p." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .tool(toolName, "answers " + reply)
        .source(pkg + ".Entry", toolPlugin(pkg, toolName, "return ToolResult.success(\"" + reply + "\");"));
  }

  /** Locations with one plugin directory and the index, state and data under {@code root}. */
  public static PluginLocations locations(Path root, Path... dirs) {
    return new PluginLocations(List.of(dirs), root.resolve("data/plugin-index.bin"),
        root.resolve("data/plugin-state.properties"), root.resolve("data/plugin-data"));
  }
}
