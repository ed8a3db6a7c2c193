package dev.localagent.examples.textstats;

/** Counts of a text; public so that plugins depending on text-stats can reuse it. */
public record TextStats(int lines, int words, int characters, int sentences) {

  public static TextStats of(String text) {
    if (text.isEmpty()) {
      return new TextStats(0, 0, 0, 0);
    }
    int lines = (int) text.lines().count();
    String trimmed = text.strip();
    int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    int sentences = (int) trimmed.chars().filter(c -> c == '.' || c == '!' || c == '?').count();
    return new TextStats(lines, words, text.codePointCount(0, text.length()), sentences);
  }

  public String summary() {
    return "lines=" + lines + " words=" + words + " characters=" + characters + " sentences=" + sentences;
  }
}
