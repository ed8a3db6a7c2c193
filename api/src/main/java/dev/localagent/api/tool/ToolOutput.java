package dev.localagent.api.tool;

/** Where a running tool streams output; each chunk becomes a {@code tool.output} event. */
@FunctionalInterface
public interface ToolOutput {
  /** Sends a chunk of output on {@code stream} ("stdout" or "stderr"). */
  void write(String stream, String chunk);

  ToolOutput DISCARD = (stream, chunk) -> {};
}
