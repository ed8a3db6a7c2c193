package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.core.tool.ToolRegistry;
import java.util.List;
import java.util.Map;

/**
 * The built-in tools: fs.read, fs.write, fs.edit, fs.list, fs.glob, fs.search and shell.exec.
 * Each call is confined to the workdir of its {@code ToolRequest}, so one registry serves many
 * sessions.
 */
public final class BuiltinTools {
  private BuiltinTools() {}

  /**
   * Registers every built-in tool.
   *
   * @param environment the environment shell.exec passes on, minus secret-named variables
   */
  public static void registerAll(ToolRegistry registry, Map<String, String> environment) {
    all(environment).forEach(registry::register);
  }

  public static List<Tool> all(Map<String, String> environment) {
    return List.of(
        new FsReadTool(),
        new FsWriteTool(),
        new FsEditTool(),
        new FsListTool(),
        new FsGlobTool(),
        new FsSearchTool(),
        new ShellExecTool(environment, ShellExecTool.DEFAULT_MAX_OUTPUT_BYTES));
  }
}
