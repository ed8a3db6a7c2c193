package dev.localagent.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.api.model.ChatMessage;
import dev.localagent.api.model.ChatRequest;
import dev.localagent.api.model.ChatResponse;
import dev.localagent.api.model.ProviderException;
import dev.localagent.api.model.StreamListener;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenAI Chat Completions over server-sent events: llama.cpp server, LM Studio, vLLM, Ollama's
 * {@code /v1} and OpenAI itself. Tool-call arguments arrive in fragments keyed by index and are
 * joined before parsing.
 */
public final class OpenAiProvider extends HttpProviderBase {

  public OpenAiProvider(ProviderConfig config, Map<String, String> env) {
    super(config, env);
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamListener listener)
      throws ProviderException, InterruptedException {
    var names = new ToolNames(request.tools());
    var httpRequest =
        timed(request("/chat/completions"))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(json(body(request, names)))
            .build();
    try (LineStream stream = stream(httpRequest)) {
      return read(stream, listener, names);
    }
  }

  private ObjectNode body(ChatRequest request, ToolNames names) {
    ObjectNode body = WireJson.MAPPER.createObjectNode();
    body.put("model", request.model());
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(message -> messages.add(message(message, names)));
    if (!request.tools().isEmpty()) {
      body.set("tools", WireJson.tools(request.tools(), names));
    }
    request.options().forEach((key, value) -> body.set(key, WireJson.MAPPER.valueToTree(value)));
    return body;
  }

  private static ObjectNode message(ChatMessage message, ToolNames names) {
    ObjectNode node = WireJson.MAPPER.createObjectNode();
    node.put("role", message.role().name().toLowerCase(java.util.Locale.ROOT));
    node.put("content", message.content());
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCallRequest call : message.toolCalls()) {
        ObjectNode function = calls.addObject().put("id", call.id()).put("type", "function").putObject("function");
        function.put("name", names.toWire(call.name())).put("arguments", WireJson.text(call.arguments()));
      }
    }
    if (message.toolCallId() != null) {
      node.put("tool_call_id", message.toolCallId());
    }
    return node;
  }

  private ChatResponse read(LineStream stream, StreamListener listener, ToolNames names)
      throws ProviderException, InterruptedException {
    var text = new StringBuilder();
    var calls = new TreeMap<Integer, PartialCall>();
    Usage usage = Usage.NONE;
    String finishReason = null;
    boolean first = true;
    String line;
    while ((line = stream.nextLine(first ? config.firstTokenTimeout() : config.idleTimeout())) != null) {
      first = false;
      if (!line.startsWith("data:")) {
        continue; // Comments, event names, ids and blank separators.
      }
      String data = line.substring(5).strip();
      if (data.equals("[DONE]")) {
        break;
      }
      JsonNode chunk = WireJson.parseChunk(data, config.baseUrl());
      if (chunk.hasNonNull("error")) {
        throw new ProviderException(ProviderException.Kind.SERVER_ERROR, "server error in stream: " + chunk.get("error"));
      }
      if (chunk.hasNonNull("usage")) {
        JsonNode u = chunk.get("usage");
        usage = new Usage(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong());
      }
      for (JsonNode choice : chunk.path("choices")) {
        JsonNode delta = choice.path("delta");
        String content = delta.path("content").asText("");
        if (!content.isEmpty()) {
          text.append(content);
          listener.onText(content);
        }
        for (JsonNode call : delta.path("tool_calls")) {
          calls.computeIfAbsent(call.path("index").asInt(calls.size()), i -> new PartialCall()).add(call);
        }
        if (choice.hasNonNull("finish_reason")) {
          finishReason = choice.get("finish_reason").asText();
        }
      }
    }
    List<ToolCallRequest> done = new ArrayList<>();
    calls.values().forEach(call -> done.add(call.toRequest(names, done.size())));
    return finish(text.toString(), done, usage, finishReason, names);
  }

  @Override
  public List<String> models() throws ProviderException, InterruptedException {
    JsonNode body = fetch(timed(request("/models")).GET().build());
    var models = new ArrayList<String>();
    body.path("data").forEach(model -> models.add(model.path("id").asText()));
    return models;
  }

  /** One tool call being assembled from streamed fragments. */
  private static final class PartialCall {
    private String id;
    private String name;
    private final StringBuilder arguments = new StringBuilder();

    void add(JsonNode fragment) {
      if (fragment.hasNonNull("id")) {
        id = fragment.get("id").asText();
      }
      JsonNode function = fragment.path("function");
      if (function.hasNonNull("name")) {
        name = name == null ? function.get("name").asText() : name; // Sent once; some servers repeat it.
      }
      if (function.hasNonNull("arguments")) {
        arguments.append(function.get("arguments").asText());
      }
    }

    ToolCallRequest toRequest(ToolNames names, int position) {
      String callId = id != null ? id : "call-" + (position + 1);
      var args = WireJson.arguments(WireJson.MAPPER.getNodeFactory().textNode(arguments.toString()));
      return new ToolCallRequest(callId, names.fromWire(name == null ? "" : name), args);
    }
  }
}
