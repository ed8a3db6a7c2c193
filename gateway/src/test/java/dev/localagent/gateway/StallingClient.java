package dev.localagent.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.protocol.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw client that can stop reading: with no demand the JDK WebSocket stops reading the socket,
 * so the server sees a slow consumer whose TCP window is full.
 */
final class StallingClient implements WebSocket.Listener {
  final List<Long> seqs = new CopyOnWriteArrayList<>();
  final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final CompletableFuture<Void> pinged = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile boolean stalled;
  private WebSocket socket;

  static StallingClient connect(URI uri) {
    var client = new StallingClient();
    client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).join();
    return client;
  }

  JsonNode send(String json) throws InterruptedException {
    socket.sendText(json, true).join();
    return replies.poll(10, TimeUnit.SECONDS);
  }

  void stall() {
    stalled = true;
  }

  void resume() {
    stalled = false;
    socket.request(Long.MAX_VALUE);
  }

  void abort() {
    socket.abort();
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        record(WireJson.mapper().readTree(partial.toString()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      partial.setLength(0);
    }
    if (!stalled) {
      ws.request(1);
    }
    return null;
  }

  private void record(JsonNode node) {
    if (node.isArray()) {
      node.forEach(this::record);
    } else if ("event".equals(node.path("type").asText())) {
      seqs.add(node.get("seq").asLong());
    } else {
      replies.add(node);
    }
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
    pinged.complete(null);
    return WebSocket.Listener.super.onPing(ws, message);
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete(1006);
  }
}
