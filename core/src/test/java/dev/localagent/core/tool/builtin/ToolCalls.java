package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls a tool the way the invoker does, with arguments given as name/value pairs. */
final class ToolCalls {
  private ToolCalls() {}

  static ToolResult call(Tool tool, Path workdir, Object... nameValues) {
    return call(tool, workdir, ToolOutput.DISCARD, nameValues);
  }

  static ToolResult call(Tool tool, Path workdir, ToolOutput output, Object... nameValues) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      args.put((String) nameValues[i], nameValues[i + 1]);
    }
    try {
      return tool.call(new ToolRequest("call-1", args, workdir), output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
