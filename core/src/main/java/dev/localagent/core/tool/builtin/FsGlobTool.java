package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** {@code fs.glob}: files whose workdir-relative path matches a glob, skipping .gitignored ones. */
public final class FsGlobTool implements Tool {
  static final int MAX_RESULTS = 1000;
  private static final ToolSpec SPEC = new ToolSpec("fs.glob", "Find files by glob pattern, e.g. '**/*.java' or"
      + " 'src/*.{c,h}'. Paths are relative to the search directory; .gitignored files are skipped.", """
      {"type":"object","properties":{
        "pattern":{"type":"string","description":"glob; ** crosses directories"},
        "path":{"type":"string","description":"directory to search, relative to the workdir; default '.'"}},
       "required":["pattern"],"additionalProperties":false}""");

  @Override
  public ToolSpec spec() {
    return SPEC;
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) {
    try {
      Workspace workspace = Workspace.of(request);
      var args = new Args(request);
      PathMatcher matcher = matcher(args.string("pattern"));
      Path base = workspace.existing(args.string("path", "."));
      List<String> found = new ArrayList<>();
      TreeWalk.walk(base, true, (file, attrs) -> {
        if (matcher.matches(base.relativize(file))) {
          found.add(workspace.display(file));
        }
        return found.size() <= MAX_RESULTS;
      });
      found.sort(null);
      var text = new StringBuilder();
      found.stream().limit(MAX_RESULTS).forEach(f -> text.append(f).append('\n'));
      if (found.size() > MAX_RESULTS) {
        text.append("[truncated at ").append(MAX_RESULTS).append(" files; narrow the pattern]\n");
      }
      return ToolResult.success(found.isEmpty() ? "no files match\n" : text.toString());
    } catch (ToolFailure f) {
      return f.result();
    } catch (IOException e) {
      return ToolResult.error(ToolErrors.IO.id(), "cannot search: " + e.getMessage());
    }
  }

  /** A glob matcher where a leading {@code **}/ also matches files at the top level. */
  static PathMatcher matcher(String pattern) {
    try {
      PathMatcher exact = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      if (!pattern.startsWith("**/")) {
        return exact;
      }
      PathMatcher top = FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3));
      return p -> exact.matches(p) || top.matches(p);
    } catch (IllegalArgumentException e) {
      throw new ToolFailure(ToolErrors.BAD_PATTERN, "glob '" + pattern + "' is invalid: " + e.getMessage());
    }
  }
}
