package dev.localagent.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A model server on a real loopback socket that speaks the real wire formats: OpenAI Chat
 * Completions as server-sent events ({@code POST /v1/chat/completions}, {@code GET /v1/models})
 * and Ollama's NDJSON ({@code POST /api/chat}, {@code GET /api/tags}, {@code POST /api/show}).
 * Chat requests take the next scripted {@link Reply}; when none is queued, the fallback decides.
 */
public final class FakeModelServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Function<JsonNode, Reply> fallback =
      body -> Reply.status(500, "{\"error\":\"no scripted reply left\"}");
  private volatile int contextLength = 32_768;
  private volatile boolean recordBodies = true;

  /** A chat request the server received: its path, JSON body and Authorization header. */
  public record Recorded(String path, JsonNode body, String authorization) {}

  private FakeModelServer(HttpServer server) {
    this.server = server;
  }

  public static FakeModelServer start() throws IOException {
    // Real model servers disable Nagle's algorithm; without it every small SSE chunk waits for a
    // delayed ACK (~40 ms). Read once when the JDK server classes initialise.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    var http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    var fake = new FakeModelServer(http);
    http.createContext("/", fake::handle);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.start();
    return fake;
  }

  /** Base URL for an OpenAI-compatible provider, ending in {@code /v1}. */
  public String openAiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Base URL for an Ollama provider. */
  public String ollamaUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeModelServer enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Decides replies once the script is used up (for benchmarks and endless loops). */
  public FakeModelServer fallback(Function<JsonNode, Reply> decide) {
    this.fallback = decide;
    return this;
  }

  public FakeModelServer contextLength(int tokens) {
    this.contextLength = tokens;
    return this;
  }

  /** Stops keeping request bodies (a long benchmark would hold every conversation). */
  public FakeModelServer recordBodies(boolean record) {
    this.recordBodies = record;
    return this;
  }

  /** Chat requests received so far, in order. */
  public List<Recorded> chatRequests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] raw = exchange.getRequestBody().readAllBytes();
      switch (exchange.getRequestMethod() + " " + path) {
        case "GET /v1/models" -> send(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\"}]}");
        case "GET /api/tags" -> send(exchange, 200, "application/json", "{\"models\":[{\"name\":\"fake-model\"}]}");
        case "POST /api/show" -> send(exchange, 200, "application/json",
            "{\"model_info\":{\"general.architecture\":\"llama\",\"llama.context_length\":" + contextLength + "}}");
        case "POST /v1/chat/completions", "POST /api/chat" -> chat(exchange, path, raw);
        default -> send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
      }
    }
  }

  private void chat(HttpExchange exchange, String path, byte[] raw) throws IOException {
    JsonNode body = JSON.readTree(raw);
    requests.add(new Recorded(path, recordBodies ? body : JSON.createObjectNode(),
        exchange.getRequestHeaders().getFirst("Authorization")));
    Reply reply = script.poll();
    if (reply == null) {
      reply = fallback.apply(body);
    }
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), 0);
    OutputStream out = exchange.getResponseBody();
    for (String chunk : reply.chunks()) {
      out.write(chunk.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    if (reply.stall()) {
      try {
        stopping.await(); // Hold the stream open, sending nothing, until the server stops.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    stopping.countDown();
    server.stop(0);
  }
}
