package dev.localagent.core.agent;

import dev.localagent.api.event.ToolCallFinished;

/** How a tool result is worded for the model. */
final class ToolReplies {
  private ToolReplies() {}

  static String forModel(ToolCallFinished result) {
    return result.ok() ? result.content() : "error " + result.errorCode() + ": " + result.content();
  }
}
