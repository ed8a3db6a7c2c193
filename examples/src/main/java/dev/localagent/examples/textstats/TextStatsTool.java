package dev.localagent.examples.textstats;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code text_stats} tool: counts for a given text or for a file inside the workdir. */
final class TextStatsTool implements Tool {
  @Override
  public ToolSpec spec() {
    return new ToolSpec("text_stats", "Counts lines, words, characters and sentences.", null);
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) {
    String text = request.string("text");
    String path = request.string("path");
    if (text == null && path == null) {
      return ToolResult.error("TEXT_STATS_ARGS", "give 'text' or 'path'");
    }
    if (text == null) {
      Path workdir = request.workdir().toAbsolutePath().normalize();
      Path file = workdir.resolve(path).normalize();
      // The manifest only asks for the workdir: refuse anything that escapes it.
      if (!file.startsWith(workdir)) {
        return ToolResult.error("TEXT_STATS_PATH", "'" + path + "' is outside the workdir");
      }
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        return ToolResult.error("TEXT_STATS_READ", "cannot read '" + path + "': " + e.getMessage());
      }
    }
    return ToolResult.success(TextStats.of(text).summary());
  }
}
