package dev.localagent.core.tool.builtin;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import dev.localagent.core.tool.ToolErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff for one file, parsed and applied with java-diff-utils. Hunks must match the
 * file exactly at their stated position or, failing that, at the nearest position where their
 * context matches (as {@code patch} does with zero fuzz).
 */
final class UnifiedPatch {
  private final Patch<String> patch;

  private UnifiedPatch(Patch<String> patch) {
    this.patch = patch;
  }

  static UnifiedPatch parse(String diff) {
    List<String> lines = new ArrayList<>(Arrays.asList(diff.replace("\r\n", "\n").split("\n", -1)));
    if (!lines.isEmpty() && lines.getLast().isEmpty()) {
      lines.removeLast(); // the diff's own final newline, not an empty context line
    }
    if (lines.stream().noneMatch(l -> l.startsWith("--- "))) {
      // The parser only starts reading hunks after a file header; models often omit it.
      lines.addAll(0, List.of("--- a", "+++ b"));
    }
    if (lines.stream().noneMatch(l -> l.startsWith("@@"))) {
      throw new ToolFailure(ToolErrors.PATCH_FAILED, "patch has no @@ hunk headers; send a unified diff");
    }
    if (lines.stream().filter(l -> l.startsWith("+++ ")).count() > 1) {
      throw new ToolFailure(ToolErrors.PATCH_FAILED, "patch touches several files; send one patch per file");
    }
    Patch<String> parsed;
    try {
      parsed = UnifiedDiffUtils.parseUnifiedDiff(lines);
    } catch (RuntimeException e) {
      throw new ToolFailure(ToolErrors.PATCH_FAILED, "patch is malformed: " + e.getMessage());
    }
    if (parsed.getDeltas().isEmpty()) {
      throw new ToolFailure(ToolErrors.PATCH_FAILED, "patch contains no changes");
    }
    return new UnifiedPatch(parsed);
  }

  int hunks() {
    return patch.getDeltas().size();
  }

  /** Applies the patch; the file's final newline (or its absence) is kept. */
  String applyTo(String text) {
    boolean finalNewline = text.endsWith("\n");
    String body = finalNewline ? text.substring(0, text.length() - 1) : text;
    List<String> lines = text.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(body.split("\n", -1)));
    List<String> result;
    try {
      result = patch.applyFuzzy(lines, 0);
    } catch (PatchFailedException | RuntimeException e) {
      throw new ToolFailure(ToolErrors.PATCH_FAILED, "patch does not apply: " + e.getMessage()
          + "; read the file again and regenerate the diff against its current content");
    }
    String joined = String.join("\n", result);
    return finalNewline || (text.isEmpty() && !result.isEmpty()) ? joined + "\n" : joined;
  }
}
