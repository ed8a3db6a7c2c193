package dev.localagent.core.provider;

import java.util.Map;

/** Conventions for tool-call arguments as providers hand them to the engine. */
public final class ToolArguments {
  /**
   * When a model sends arguments that are not a JSON object, providers pass the raw text under
   * this key; the engine answers the model with an error instead of running the tool.
   */
  public static final String INVALID_KEY = "__invalid_json__";

  private ToolArguments() {}

  public static boolean invalid(Map<String, Object> arguments) {
    return arguments.containsKey(INVALID_KEY);
  }
}
