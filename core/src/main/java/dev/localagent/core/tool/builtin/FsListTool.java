package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code fs.list}: one directory's entries, sorted; directories end in '/', symlinks show '@'. */
public final class FsListTool implements Tool {
  static final int MAX_ENTRIES = 1000;
  private static final ToolSpec SPEC = new ToolSpec("fs.list", "List the entries of a directory in the workdir.",
      """
      {"type":"object","properties":{
        "path":{"type":"string","description":"directory relative to the workdir; default '.'"}},
       "additionalProperties":false}""");

  @Override
  public ToolSpec spec() {
    return SPEC;
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) {
    try {
      Workspace workspace = Workspace.of(request);
      String userPath = new Args(request).string("path", ".");
      Path dir = workspace.existing(userPath);
      if (!Files.isDirectory(dir)) {
        throw new ToolFailure(ToolErrors.BAD_ARGUMENTS, "'" + userPath + "' is not a directory; use fs.read for files");
      }
      List<String> names = new ArrayList<>();
      try (Stream<Path> entries = Files.list(dir)) {
        entries.forEach(p -> names.add(label(p)));
      }
      names.sort(null);
      var text = new StringBuilder();
      names.stream().limit(MAX_ENTRIES).forEach(n -> text.append(n).append('\n'));
      if (names.size() > MAX_ENTRIES) {
        text.append("[truncated: ").append(names.size() - MAX_ENTRIES).append(" more entries; use fs.glob to narrow]\n");
      }
      return ToolResult.success(text.toString());
    } catch (ToolFailure f) {
      return f.result();
    } catch (IOException e) {
      return ToolResult.error(ToolErrors.IO.id(), "cannot list: " + e.getMessage());
    }
  }

  private static String label(Path entry) {
    String name = entry.getFileName().toString();
    if (Files.isSymbolicLink(entry)) {
      return name + "@";
    }
    return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name;
  }
}
