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

/**
 * {@code fs.edit}: changes a file by exact string replacement (the old text must occur exactly
 * once unless replace_all) or by applying a unified diff. Written back atomically.
 */
public final class FsEditTool implements Tool {
  private static final ToolSpec SPEC = new ToolSpec("fs.edit", "Edit a text file in the workdir: either replace"
      + " old_string with new_string (old_string must be unique unless replace_all is true), or apply"
      + " a unified diff given in patch.", """
      {"type":"object","properties":{
        "path":{"type":"string","description":"file path relative to the workdir"},
        "old_string":{"type":"string","description":"exact text to replace"},
        "new_string":{"type":"string","description":"replacement text"},
        "replace_all":{"type":"boolean","description":"replace every occurrence"},
        "patch":{"type":"string","description":"a unified diff (---/+++ headers optional, @@ hunks)"}},
       "required":["path"],"additionalProperties":false}""");

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
      Path file = workspace.existing(userPath);
      if (!Files.isRegularFile(file) || TextFiles.isBinary(file)) {
        throw new ToolFailure(ToolErrors.NOT_TEXT, "'" + userPath + "' is not a text file");
      }
      String before = Files.readString(file, StandardCharsets.UTF_8);
      String after;
      String summary;
      if (args.has("patch")) {
        if (args.has("old_string")) {
          throw Args.bad("patch", "cannot be combined with old_string; send one kind of edit");
        }
        UnifiedPatch patch = UnifiedPatch.parse(args.string("patch"));
        after = patch.applyTo(before);
        summary = "applied " + patch.hunks() + " hunk(s) to " + workspace.display(file);
      } else {
        int[] count = new int[1];
        after = replace(before, args.string("old_string"), args.string("new_string"), args.flag("replace_all"), count);
        summary = "replaced " + count[0] + " occurrence(s) in " + workspace.display(file);
      }
      AtomicFiles.write(file, after.getBytes(StandardCharsets.UTF_8));
      return ToolResult.success(summary);
    } catch (ToolFailure f) {
      return f.result();
    } catch (IOException e) {
      return ToolResult.error(ToolErrors.IO.id(), "cannot edit: " + e.getMessage());
    }
  }

  static String replace(String text, String oldText, String newText, boolean all, int[] count) {
    if (oldText.isEmpty()) {
      throw Args.bad("old_string", "must not be empty");
    }
    int first = text.indexOf(oldText);
    if (first < 0) {
      throw new ToolFailure(ToolErrors.EDIT_NO_MATCH,
          "old_string was not found; read the file again and copy the text exactly, including whitespace");
    }
    int occurrences = 0;
    for (int i = first; i >= 0; i = text.indexOf(oldText, i + oldText.length())) {
      occurrences++;
    }
    if (occurrences > 1 && !all) {
      throw new ToolFailure(ToolErrors.EDIT_AMBIGUOUS, "old_string occurs " + occurrences
          + " times; add surrounding lines to make it unique, or set replace_all to true");
    }
    count[0] = occurrences;
    return all ? text.replace(oldText, newText) : text.substring(0, first) + newText
        + text.substring(first + oldText.length());
  }
}
