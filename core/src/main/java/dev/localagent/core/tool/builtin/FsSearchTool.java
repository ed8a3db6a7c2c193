package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.tool.ToolErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code fs.search}: lines matching a regular expression, as {@code path:line: text}, across the
 * text files under a directory; .gitignored, binary and very large files are skipped.
 */
public final class FsSearchTool implements Tool {
  static final int DEFAULT_MAX_RESULTS = 200;
  private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
  private static final int MAX_LINE_CHARS = 300;
  private static final ToolSpec SPEC = new ToolSpec("fs.search", "Search file contents with a Java regular"
      + " expression. Respects .gitignore; skips binary files. Optional glob filters file names.", """
      {"type":"object","properties":{
        "pattern":{"type":"string","description":"regular expression (Java syntax)"},
        "path":{"type":"string","description":"directory relative to the workdir; default '.'"},
        "glob":{"type":"string","description":"only files whose relative path matches, e.g. '**/*.java'"},
        "ignore_case":{"type":"boolean"},
        "max_results":{"type":"integer","minimum":1,"maximum":10000}},
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
      Pattern regex = compile(args.string("pattern"), args.flag("ignore_case"));
      PathMatcher filter = args.has("glob") ? FsGlobTool.matcher(args.string("glob")) : p -> true;
      Path base = workspace.existing(args.string("path", "."));
      int max = (int) args.number("max_results", DEFAULT_MAX_RESULTS, 1, 10_000);
      var hits = new TreeMap<String, StringBuilder>(); // sorted by path: stable output
      int[] count = {0};
      TreeWalk.walk(base, true, (file, attrs) -> {
        if (attrs.size() <= MAX_FILE_BYTES && filter.matches(base.relativize(file)) && !TextFiles.isBinary(file)) {
          searchFile(workspace, file, regex, hits, count, max);
        }
        return count[0] < max;
      });
      var text = new StringBuilder();
      hits.values().forEach(text::append);
      if (count[0] >= max) {
        text.append("[stopped at ").append(max).append(" matches; narrow the pattern or raise max_results]\n");
      }
      return ToolResult.success(count[0] == 0 ? "no matches\n" : text.toString());
    } catch (ToolFailure f) {
      return f.result();
    } catch (IOException e) {
      return ToolResult.error(ToolErrors.IO.id(), "cannot search: " + e.getMessage());
    }
  }

  private static void searchFile(Workspace workspace, Path file, Pattern regex, Map<String, StringBuilder> hits, int[] count, int max) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE);
    try (var reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null && count[0] < max) {
        lineNo++;
        if (regex.matcher(line).find()) {
          String shown = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line;
          String path = workspace.display(file);
          hits.computeIfAbsent(path, p -> new StringBuilder()).append(path).append(':').append(lineNo).append(": ").append(shown).append('\n');
          count[0]++;
        }
      }
    }
  }

  private static Pattern compile(String pattern, boolean ignoreCase) {
    try {
      return Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    } catch (PatternSyntaxException e) {
      throw new ToolFailure(ToolErrors.BAD_PATTERN, "regex is invalid: " + e.getDescription()
          + " near index " + e.getIndex() + " of '" + pattern + "'");
    }
  }
}
