package dev.localagent.core.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scripted answer of the {@link FakeModelServer}: a status, a content type and the body
 * chunks written (and flushed) one by one. Factories build real SSE and NDJSON streams.
 */
public record Reply(int status, String contentType, List<String> chunks, boolean stall) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tool call for a scripted reply; {@code argumentsJson} is sent as the model would. */
  public record Call(String id, String name, String argumentsJson) {}

  public static Reply status(int status, String body) {
    return new Reply(status, "application/json", List.of(body), false);
  }

  /** Raw lines, e.g. a malformed chunk. */
  public static Reply raw(String contentType, String... chunks) {
    return new Reply(200, contentType, List.of(chunks), false);
  }

  /** Sends these chunks, then holds the connection open without a byte more. */
  public Reply thenStall() {
    return new Reply(status, contentType, chunks, true);
  }

  /** OpenAI SSE: the text in pieces of {@code piece} characters, then usage and [DONE]. */
  public static Reply openAiText(String text, int piece) {
    var chunks = new ArrayList<String>();
    chunks.add(sse(delta(Map.of("role", "assistant", "content", ""))));
    for (int i = 0; i < text.length(); i += piece) {
      chunks.add(sse(delta(Map.of("content", text.substring(i, Math.min(text.length(), i + piece))))));
    }
    chunks.add(sse(finish("stop")));
    chunks.add(sse(usage(11, 7)));
    chunks.add("data: [DONE]\n\n");
    return new Reply(200, "text/event-stream", chunks, false);
  }

  public static Reply openAiText(String text) {
    return openAiText(text, 4);
  }

  /**
   * OpenAI SSE with native tool calls whose arguments are split into fragments of {@code piece}
   * characters, as real servers stream them.
   */
  public static Reply openAiToolCalls(int piece, Call... calls) {
    var chunks = new ArrayList<String>();
    for (int index = 0; index < calls.length; index++) {
      Call call = calls[index];
      chunks.add(sse(toolDelta(index, call.id(), call.name(), "")));
      String args = call.argumentsJson();
      for (int i = 0; i < args.length(); i += piece) {
        chunks.add(sse(toolDelta(index, null, null, args.substring(i, Math.min(args.length(), i + piece)))));
      }
    }
    chunks.add(sse(finish("tool_calls")));
    chunks.add("data: [DONE]\n\n");
    return new Reply(200, "text/event-stream", chunks, false);
  }

  /** Ollama NDJSON: text in pieces, then the done line with token counts. */
  public static Reply ollamaText(String text, long promptTokens) {
    var chunks = new ArrayList<String>();
    for (int i = 0; i < text.length(); i += 4) {
      chunks.add(ndjson(ollamaMessage(text.substring(i, Math.min(text.length(), i + 4)), null), false, 0));
    }
    chunks.add(ndjson(ollamaMessage("", null), true, promptTokens));
    return new Reply(200, "application/x-ndjson", chunks, false);
  }

  /** Ollama NDJSON with one native tool call (Ollama sends arguments as an object, whole). */
  public static Reply ollamaToolCall(String name, String argumentsJson) {
    try {
      ArrayNode calls = JSON.createArrayNode();
      calls.addObject().putObject("function").put("name", name).set("arguments", JSON.readTree(argumentsJson));
      return new Reply(200, "application/x-ndjson",
          List.of(ndjson(ollamaMessage("", calls), false, 0), ndjson(ollamaMessage("", null), true, 10)), false);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ObjectNode delta(Map<String, String> fields) {
    ObjectNode chunk = base();
    ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0).putObject("delta");
    fields.forEach(delta::put);
    return chunk;
  }

  private static ObjectNode toolDelta(int index, String id, String name, String arguments) {
    ObjectNode chunk = base();
    ObjectNode call = chunk.putArray("choices").addObject().put("index", 0).putObject("delta")
        .putArray("tool_calls").addObject().put("index", index);
    if (id != null) {
      call.put("id", id).put("type", "function");
    }
    ObjectNode function = call.putObject("function");
    if (name != null) {
      function.put("name", name);
    }
    function.put("arguments", arguments);
    return chunk;
  }

  private static ObjectNode finish(String reason) {
    ObjectNode chunk = base();
    chunk.putArray("choices").addObject().put("index", 0).put("finish_reason", reason).putObject("delta");
    return chunk;
  }

  private static ObjectNode usage(long prompt, long completion) {
    ObjectNode chunk = base();
    chunk.putArray("choices");
    chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    return chunk;
  }

  private static ObjectNode base() {
    return JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
        .put("model", "fake-model");
  }

  private static ObjectNode ollamaMessage(String content, ArrayNode toolCalls) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
    if (toolCalls != null) {
      message.set("tool_calls", toolCalls);
    }
    return message;
  }

  private static String ndjson(ObjectNode message, boolean done, long promptTokens) {
    ObjectNode line = JSON.createObjectNode().put("model", "fake-model").put("done", done);
    line.set("message", message);
    if (done) {
      line.put("done_reason", "stop").put("prompt_eval_count", promptTokens).put("eval_count", 5);
    }
    return line + "\n";
  }

  private static String sse(ObjectNode chunk) {
    return "data: " + chunk + "\n\n";
  }
}
