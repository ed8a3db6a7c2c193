package dev.localagent.examples.textreport;

import dev.localagent.api.plugin.Plugin;
import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.examples.textstats.TextStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Entry class of the text-report example. It depends on the text-stats plugin and uses its
 * {@link TextStats} class, which the host makes visible because the manifest declares the
 * dependency.
 */
public final class TextReportPlugin implements Plugin {
  @Override
  public List<Tool> tools() {
    return List.of(new Tool() {
      @Override
      public ToolSpec spec() {
        return new ToolSpec("text_report", "Counts plus the most frequent words.", null);
      }

      @Override
      public ToolResult call(ToolRequest request, ToolOutput output) {
        String text = request.string("text");
        if (text == null) {
          return ToolResult.error("TEXT_REPORT_ARGS", "'text' is required");
        }
        int top = request.arguments().get("top") instanceof Number n ? n.intValue() : 3;
        return ToolResult.success(TextStats.of(text).summary() + "\ntop words: " + topWords(text, top));
      }
    });
  }

  static String topWords(String text, int top) {
    Map<String, Long> counts = java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
