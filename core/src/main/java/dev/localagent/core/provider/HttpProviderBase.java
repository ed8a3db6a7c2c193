package dev.localagent.core.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.api.model.ChatResponse;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.model.ProviderException;
import dev.localagent.api.model.ProviderException.Kind;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.model.Usage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** What the HTTP providers share: the client, request building, status mapping, text fallbacks. */
abstract class HttpProviderBase implements ModelProvider {
  protected final ProviderConfig config;
  protected final HttpClient client;
  private final String apiKey;

  protected HttpProviderBase(ProviderConfig config, Map<String, String> env) {
    this.config = config;
    this.apiKey = config.apiKey().isPresent() ? config.apiKey().reveal() : null;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  /** A provider is known by its configured name. */
  @Override
  public String id() {
    return config.name();
  }

  protected HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(URI.create(config.baseUrl() + path));
    if (apiKey != null && !apiKey.isBlank()) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder;
  }

  protected static HttpRequest.BodyPublisher json(JsonNode body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(WireJson.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise request", e);
    }
  }

  /** Opens a streamed POST and checks its status; the caller reads lines from the result. */
  protected LineStream stream(HttpRequest request) throws ProviderException, InterruptedException {
    LineStream stream = LineStream.open(client, request);
    try {
      int status = stream.awaitStatus(config.firstTokenTimeout());
      if (status / 100 != 2) {
        String body = stream.remainingBody(Duration.ofSeconds(2), 500);
        throw statusError(status, body);
      }
      return stream;
    } catch (ProviderException | InterruptedException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /** A small non-streamed GET or POST returning JSON (model lists, model info). */
  protected JsonNode fetch(HttpRequest request) throws ProviderException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new ProviderException(Kind.UNREACHABLE, config.baseUrl() + " does not answer (" + why + ")", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw statusError(response.statusCode(), response.body());
    }
    return WireJson.parseChunk(response.body(), config.baseUrl());
  }

  protected ProviderException statusError(int status, String body) {
    String detail = "HTTP " + status + " from " + config.baseUrl() + (body.isBlank() ? "" : ": " + body.strip());
    if (status == 429) {
      return new ProviderException(Kind.RATE_LIMITED, detail);
    }
    if (status >= 500) {
      return new ProviderException(Kind.SERVER_ERROR, detail);
    }
    return new ProviderException(Kind.BAD_REQUEST, detail);
  }

  protected HttpRequest.Builder timed(HttpRequest.Builder builder) {
    // Covers the time to the response head; first-token and idle deadlines are LineStream's.
    return builder.timeout(config.firstTokenTimeout());
  }

  /** Applies the text-form fallback when the server returned no native tool calls. */
  protected static ChatResponse finish(
      String text, List<ToolCallRequest> native_, Usage usage, String finishReason, ToolNames names) {
    if (!native_.isEmpty()) {
      return new ChatResponse(text, native_, usage, finishReason);
    }
    var extracted = TextToolCalls.extract(text, names);
    String reason = extracted.calls().isEmpty() ? finishReason : "tool_calls";
    return new ChatResponse(extracted.text(), extracted.calls(), usage, reason);
  }
}
