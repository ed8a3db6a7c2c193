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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ollama's native {@code /api/chat} (NDJSON stream). Unlike its {@code /v1} endpoint it lets us
 * set {@code options.num_ctx}: Ollama otherwise uses a small default window and silently drops
 * the start of longer conversations. We read the model's real context length from {@code
 * /api/show}, ask for it (capped), and warn before and after a request that overflows it.
 */
public final class OllamaProvider extends HttpProviderBase {
  static final int MAX_DEFAULT_NUM_CTX = 32_768;
  static final int UNKNOWN_CONTEXT = 8_192;
  private final Map<String, Integer> contextLengths = new ConcurrentHashMap<>();

  public OllamaProvider(ProviderConfig config, Map<String, String> env) {
    super(config, env);
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamListener listener)
      throws ProviderException, InterruptedException {
    var names = new ToolNames(request.tools());
    int numCtx = numCtx(request.model());
    ObjectNode body = body(request, names, numCtx);
    long estimate = ContextEstimate.tokens(body.toString());
    if (estimate > numCtx * 9L / 10) {
      WarningListener.warn(listener, ModelErrors.CONTEXT_OVERFLOW,
          "the conversation is about " + estimate + " tokens and num_ctx is " + numCtx
              + ": Ollama drops the oldest messages beyond it; raise num_ctx for provider '"
              + config.name() + "' or start a new session");
    }
    var httpRequest =
        timed(request("/api/chat")).header("Content-Type", "application/json").POST(json(body)).build();
    ChatResponse response;
    try (LineStream stream = stream(httpRequest)) {
      response = read(stream, listener, names);
    }
    if (response.usage().promptTokens() >= numCtx) {
      WarningListener.warn(listener, ModelErrors.CONTEXT_OVERFLOW,
          "the model saw " + response.usage().promptTokens() + " prompt tokens with num_ctx " + numCtx
              + ": the start of the conversation was truncated");
    }
    return response;
  }

  private ObjectNode body(ChatRequest request, ToolNames names, int numCtx) {
    ObjectNode body = WireJson.MAPPER.createObjectNode();
    body.put("model", request.model());
    body.put("stream", true);
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(message -> messages.add(message(message, names)));
    if (!request.tools().isEmpty()) {
      body.set("tools", WireJson.tools(request.tools(), names));
    }
    ObjectNode options = body.putObject("options");
    request.options().forEach((key, value) -> options.set(key, WireJson.MAPPER.valueToTree(value)));
    options.put("num_ctx", numCtx);
    return body;
  }

  private static ObjectNode message(ChatMessage message, ToolNames names) {
    ObjectNode node = WireJson.MAPPER.createObjectNode();
    node.put("role", message.role().name().toLowerCase(Locale.ROOT));
    node.put("content", message.content());
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCallRequest call : message.toolCalls()) {
        ObjectNode function = calls.addObject().putObject("function");
        function.put("name", names.toWire(call.name()));
        function.set("arguments", WireJson.MAPPER.valueToTree(call.arguments()));
      }
    }
    return node;
  }

  private ChatResponse read(LineStream stream, StreamListener listener, ToolNames names)
      throws ProviderException, InterruptedException {
    var text = new StringBuilder();
    var calls = new ArrayList<ToolCallRequest>();
    Usage usage = Usage.NONE;
    String finishReason = null;
    boolean first = true;
    String line;
    while ((line = stream.nextLine(first ? config.firstTokenTimeout() : config.idleTimeout())) != null) {
      first = false;
      if (line.isBlank()) {
        continue;
      }
      JsonNode chunk = WireJson.parseChunk(line, config.baseUrl());
      if (chunk.hasNonNull("error")) {
        throw new ProviderException(ProviderException.Kind.SERVER_ERROR, "Ollama: " + chunk.get("error").asText());
      }
      JsonNode message = chunk.path("message");
      String content = message.path("content").asText("");
      if (!content.isEmpty()) {
        text.append(content);
        listener.onText(content);
      }
      for (JsonNode call : message.path("tool_calls")) {
        JsonNode function = call.path("function");
        String id = call.hasNonNull("id") ? call.get("id").asText() : "call-" + (calls.size() + 1);
        calls.add(new ToolCallRequest(id, names.fromWire(function.path("name").asText()),
            WireJson.arguments(function.get("arguments"))));
      }
      if (chunk.path("done").asBoolean(false)) {
        usage = new Usage(chunk.path("prompt_eval_count").asLong(), chunk.path("eval_count").asLong());
        finishReason = chunk.path("done_reason").asText("stop");
        break;
      }
    }
    return finish(text.toString(), calls, usage, finishReason, names);
  }

  /** The num_ctx to request: configured, else the model's own context length capped. */
  int numCtx(String model) throws ProviderException, InterruptedException {
    if (config.numCtx() > 0) {
      return config.numCtx();
    }
    return Math.min(contextLength(model), MAX_DEFAULT_NUM_CTX);
  }

  /** The model's context length from /api/show, cached; a fallback when the server does not say. */
  public int contextLength(String model) throws ProviderException, InterruptedException {
    Integer known = contextLengths.get(model);
    if (known != null) {
      return known;
    }
    ObjectNode ask = WireJson.MAPPER.createObjectNode().put("model", model);
    JsonNode info = fetch(timed(request("/api/show")).header("Content-Type", "application/json").POST(json(ask)).build());
    int length = UNKNOWN_CONTEXT;
    for (var field : info.path("model_info").properties()) {
      if (field.getKey().endsWith(".context_length") && field.getValue().canConvertToInt()) {
        length = field.getValue().asInt();
      }
    }
    contextLengths.put(model, length);
    return length;
  }

  @Override
  public List<String> models() throws ProviderException, InterruptedException {
    JsonNode body = fetch(timed(request("/api/tags")).GET().build());
    var models = new ArrayList<String>();
    body.path("models").forEach(model -> models.add(model.path("name").asText()));
    return models;
  }
}
