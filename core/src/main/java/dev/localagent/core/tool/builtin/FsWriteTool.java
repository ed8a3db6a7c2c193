package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code fs.write}: creates or replaces a file atomically, creating parent directories. */
public final class FsWriteTool implements Tool {
  private static final ToolSpec SPEC = new ToolSpec("fs.write", "Create or overwrite a file in the workdir with"
      + " the given content. The write is atomic: readers see the old or the new file, never a part.", """
      {"type":"object","properties":{
        "path":{"type":"string","description":"file path relative to the workdir"},
        "content":{"type":"string","description":"the complete new content (UTF-8)"}},
       "required":["path","content"],"additionalProperties":false}""");

  @Override
  public ToolSpec spec() {
    return SPEC;
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) {
    try {
      Workspace workspace = Workspace.of(request);
      var args = new Args(request);
      String userPath = args.string("path");
      byte[] data = args.string("content").getBytes(StandardCharsets.UTF_8);
      Workspace.Resolved resolved = workspace.forWrite(userPath);
      Path target = resolved.path();
      if (resolved.known()) {
        // Right in the workdir, which exists, and the lstat that confined it says what is there.
        if (resolved.mode() >= 0 && (resolved.mode() & Libc.S_IFMT) == Libc.S_IFDIR) {
          throw isADirectory(userPath);
        }
        AtomicFiles.write(target, data, resolved.mode());
        return wrote(workspace, data, target);
      }
      if (Files.isDirectory(target)) {
        throw isADirectory(userPath);
      }
      if (!Files.isDirectory(target.getParent())) {
        Files.createDirectories(target.getParent());
        // Re-check after creating parents: a parent swapped for a symlink meanwhile is refused.
        target = workspace.forWrite(userPath).path();
      }
      AtomicFiles.write(target, data);
      return wrote(workspace, data, target);
    } catch (ToolFailure f) {
      return f.result();
    } catch (IOException e) {
      return ToolResult.error(ToolErrors.IO.id(), "cannot write: " + e.getMessage());
    }
  }

  private static ToolFailure isADirectory(String userPath) {
    return new ToolFailure(ToolErrors.NOT_TEXT, "'" + userPath + "' is a directory");
  }

  private static ToolResult wrote(Workspace workspace, byte[] data, Path target) {
    return ToolResult.success("wrote " + data.length + " bytes to " + workspace.display(target));
  }
}
