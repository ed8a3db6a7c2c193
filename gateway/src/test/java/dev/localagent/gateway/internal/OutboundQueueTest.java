package dev.localagent.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.protocol.WireJson;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private int drained;
  private final OutboundQueue queue = new OutboundQueue(channel, new GatewayMetrics(), () -> drained++);

  private List<JsonNode> frames() throws Exception {
    channel.runPendingTasks();
    var frames = new ArrayList<JsonNode>();
    TextWebSocketFrame frame;
    while ((frame = channel.readOutbound()) != null) {
      frames.add(WireJson.mapper().readTree(frame.content().toString(StandardCharsets.UTF_8)));
      frame.release();
    }
    return frames;
  }

  private static byte[] message(int n) {
    return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLoneEventIsSentAtOnceAsAPlainObject() throws Exception {
    queue.configureBatching(true, 50, 100);
    queue.offer(message(1));

    List<JsonNode> frames = frames();

    assertThat(frames).hasSize(1);
    assertThat(frames.getFirst().isObject()).isTrue();
    assertThat(drained).isEqualTo(1);
    assertFalse(channel.finish());
  }

  @Test
  void queuedEventsAreCoalescedIntoArraysOfAtMostTheBatchSize() throws Exception {
    queue.configureBatching(true, 50, 100);
    for (int i = 0; i < 120; i++) {
      queue.offer(message(i));
    }

    List<JsonNode> frames = frames();

    assertThat(frames).extracting(JsonNode::size).containsExactly(50, 50, 20);
    assertThat(frames.get(2).get(19).get("n").asInt()).isEqualTo(119);
    assertThat(queue.queued()).isZero();
    assertFalse(channel.finish());
  }

  @Test
  void withoutBatchingEveryEventIsItsOwnFrame() throws Exception {
    queue.configureBatching(false, 50, 100);
    for (int i = 0; i < 3; i++) {
      queue.offer(message(i));
    }

    assertThat(frames()).hasSize(3).allSatisfy(frame -> assertThat(frame.isObject()).isTrue());
    assertFalse(channel.finish());
  }
}
