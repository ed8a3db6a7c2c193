package dev.localagent.core.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.api.model.ToolCallRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds tool calls that local models write as text instead of native tool calls: {@code
 * <tool_call>{"name":..,"arguments":..}</tool_call>} (Qwen, Hermes), {@code
 * <function=name>{..}</function>} and {@code <|python_tag|>{..}} (Llama 3.1), and a fenced
 * {@code json} block holding one call. Only names of offered tools count, so prose that merely
 * mentions JSON is left alone.
 */
final class TextToolCalls {
  private static final Pattern TAGGED = Pattern.compile("<tool_call>(.*?)(?:</tool_call>|$)", Pattern.DOTALL);
  private static final Pattern FUNCTION = Pattern.compile("<function=([\\w.\\-]+)>(.*?)</function>", Pattern.DOTALL);
  private static final Pattern PYTHON_TAG = Pattern.compile("<\\|python_tag\\|>(.*)$", Pattern.DOTALL);
  private static final Pattern FENCED = Pattern.compile("```(?:json)?\\s*(\\{.*?})\\s*```", Pattern.DOTALL);

  /** The text with the calls taken out, and the calls. */
  record Extracted(String text, List<ToolCallRequest> calls) {}

  private TextToolCalls() {}

  static Extracted extract(String text, ToolNames names) {
    var calls = new ArrayList<ToolCallRequest>();
    String rest = text;
    rest = collect(TAGGED, rest, calls, names, m -> parseCall(m.group(1), names));
    rest = collect(FUNCTION, rest, calls, names, m -> call(names.fromWire(m.group(1)), parse(m.group(2))));
    rest = collect(PYTHON_TAG, rest, calls, names, m -> parseCall(m.group(1), names));
    if (calls.isEmpty()) {
      rest = collect(FENCED, rest, calls, names, m -> parseCall(m.group(1), names));
    }
    return new Extracted(calls.isEmpty() ? text : rest.strip(), calls);
  }

  private interface Parser {
    ToolCallRequest parse(Matcher matcher);
  }

  private static String collect(
      Pattern pattern, String text, List<ToolCallRequest> calls, ToolNames names, Parser parser) {
    Matcher matcher = pattern.matcher(text);
    var rest = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      ToolCallRequest call = parser.parse(matcher);
      if (call != null && names.known(call.name())) {
        calls.add(new ToolCallRequest("text-call-" + (calls.size() + 1), call.name(), call.arguments()));
        rest.append(text, last, matcher.start());
        last = matcher.end();
      }
    }
    rest.append(text.substring(last));
    return rest.toString();
  }

  private static ToolCallRequest parseCall(String json, ToolNames names) {
    JsonNode node = parse(json);
    if (node == null || !node.path("name").isTextual()) {
      return null;
    }
    JsonNode arguments = node.has("arguments") ? node.get("arguments") : node.get("parameters");
    return new ToolCallRequest("pending", names.fromWire(node.get("name").asText()), WireJson.arguments(arguments));
  }

  private static ToolCallRequest call(String name, JsonNode arguments) {
    return arguments == null ? null : new ToolCallRequest("pending", name, WireJson.arguments(arguments));
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = WireJson.MAPPER.readTree(json.strip());
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
