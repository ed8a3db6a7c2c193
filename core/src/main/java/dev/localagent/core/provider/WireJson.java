package dev.localagent.core.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.api.model.ProviderException;
import dev.localagent.api.model.ProviderException.Kind;
import dev.localagent.api.tool.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON helpers shared by the wire formats: parsing chunks, tool schemas, argument maps. */
final class WireJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Key under which unparseable tool-call arguments reach the engine, so it can tell the model. */
  static final String INVALID_ARGUMENTS = ToolArguments.INVALID_KEY;

  private WireJson() {}

  static JsonNode parseChunk(String text, String server) throws ProviderException {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
      throw new ProviderException(Kind.BAD_RESPONSE, "malformed chunk from " + server + ": " + shown, e);
    }
  }

  /** Tool specs in the {@code tools} array form both wire formats share. */
  static ArrayNode tools(List<ToolSpec> specs, ToolNames names) {
    ArrayNode tools = MAPPER.createArrayNode();
    for (ToolSpec spec : specs) {
      ObjectNode function = tools.addObject().put("type", "function").putObject("function");
      function.put("name", names.toWire(spec.name())).put("description", spec.description());
      function.set("parameters", schema(spec.parametersSchema()));
    }
    return tools;
  }

  private static JsonNode schema(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return MAPPER.createObjectNode().put("type", "object");
    }
  }

  /** Arguments sent as a JSON string (OpenAI) or object (Ollama) as a map. */
  static Map<String, Object> arguments(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (node.isTextual()) {
      String text = node.asText().strip();
      if (text.isEmpty()) {
        return Map.of();
      }
      try {
        return arguments(MAPPER.readTree(text));
      } catch (JsonProcessingException e) {
        return Map.of(INVALID_ARGUMENTS, text);
      }
    }
    if (!node.isObject()) {
      return Map.of(INVALID_ARGUMENTS, node.toString());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = MAPPER.convertValue(node, LinkedHashMap.class);
    return map;
  }

  static String text(Map<String, Object> arguments) {
    try {
      return MAPPER.writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tool arguments are not serialisable", e);
    }
  }
}
