package dev.localagent.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.Event;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.event.UserMessage;
import dev.localagent.gateway.protocol.Messages.Pong;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import dev.localagent.gateway.protocol.WireJson.ReplyFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireJsonTest {
  @Test
  void pongFastPathWritesTheSameBytesAsTheMapper() {
    for (String id : Arrays.asList("e", null, "", "quote\" back\\slash \u00e9 \u2028 \u0001", "42",
        " ~!{}[]:, ", "\u007f", "tab\there", "a/b")) {
      for (long time : new long[] {0, 9, 10, 1_764_300_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
        byte[] viaMapper = WireJson.encode(new ReplyFrame(Protocol.PING.replyType(), id, new Pong(time)));
        assertThat(new String(WireJson.encodePong(id, time)))
            .as("pong for id %s at %d", id, time)
            .isEqualTo(new String(viaMapper));
      }
    }
  }

  @Test
  void eventFastPathWritesTheSameBytesAsTheMapper() {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("path", "a \"quoted\" name \u00e9");
    arguments.put("lines", List.of(1, 2));
    List<Event> events = Arrays.asList(new ModelDelta("t=123;xxxx"),
        new UserMessage("line\nbreak \u2028 \u0001"), new ErrorRaised("LA-X-001", "bad"),
        new ToolCallStarted("c1", "fs.read", arguments), new ToolCallFinished("c1", "fs.read", false, "no such file", "LA-T-002"),
        new ToolCallFinished("c1", "fs.read", true, "text", null),
        new ToolOutputChunk("c1", "stdout", "{\"json\": [1]}"));
    for (String sessionId : List.of("0b7c5e2e-6f0e-4a43-9a57-8f1d2c3b4a59", "quote\" in id")) {
      for (Event event : events) {
        var sessionEvent = new SessionEvent(sessionId, 42, 1_764_300_000_000L, event);
        assertThat(new String(WireJson.encodeEvent(sessionEvent)))
            .as("%s in session %s", event, sessionId)
            .isEqualTo(new String(WireJson.encode(EventFrame.of(sessionEvent))));
      }
    }
  }

  @Test
  void serverFramesAreDecodedOneByOneFromABatchOrAlone() throws Exception {
    var event = new SessionEvent("s-1", 7, 1_764_300_000_000L, new ModelDelta("hi"));
    String batch = "[" + new String(WireJson.encodeEvent(event))
        + ",{\"type\":\"reply\",\"id\":\"3\",\"result\":{\"lastSeq\":7}}"
        + ",{\"type\":\"error\",\"id\":null,\"code\":\"LA-GATEWAY-007\",\"message\":\"slow down\"}]";
    var frames = new ArrayList<WireJson.ServerFrame>();

    WireJson.decodeServerFrames(batch, frames::add);
    WireJson.decodeServerFrames("{\"type\":\"pong\",\"id\":\"9\"}", frames::add);

    assertThat(frames).extracting(WireJson.ServerFrame::type).containsExactly("event", "reply", "error", "pong");
    assertThat(frames.get(0).toEvent().toSessionEvent()).isEqualTo(event);
    assertThat(frames.get(1).id()).isEqualTo("3");
    assertThat(frames.get(1).result().get("lastSeq").asLong()).isEqualTo(7);
    assertThat(frames.get(2).id()).isNull();
    assertThat(frames.get(2).code()).isEqualTo("LA-GATEWAY-007");
    assertThat(frames.get(2).message()).isEqualTo("slow down");
    assertThat(frames.get(3).result()).isNull();
  }

  @Test
  void aServerFrameThatIsNotAnObjectOrAnEventOfAnUnknownTypeIsRefused() {
    assertThatThrownBy(() -> WireJson.decodeServerFrames("\"text\"", frame -> { }))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> WireJson.decodeServerFrames(
        "{\"type\":\"event\",\"sessionId\":\"s\",\"seq\":1,\"ts\":0,\"event\":{\"type\":\"no.such\"}}",
        frame -> { })).isInstanceOf(IOException.class);
  }
}
