package dev.localagent.api.model;

/** Token counts reported by a model server; zero when it reported none. */
public record Usage(long promptTokens, long completionTokens) {
  public static final Usage NONE = new Usage(0, 0);
}
