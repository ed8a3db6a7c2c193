package dev.localagent.core.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.Event;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;

/**
 * The one JSON form of events, shared by the JSONL store, {@code --json} output and the gateway:
 * a flat object {@code {"seq":1,"ts":...,"type":"user.message",...fields}}. The {@code type} wire
 * name selects the record; unknown fields are ignored so older readers accept newer files.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = newMapper();

  private EventJson() {}

  /** The mapper configured for events; shared and thread-safe. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One line of JSON (no newline) for a stored event. */
  public static String toLine(SessionEvent stored) {
    try {
      // The same text as writing toNode(stored), without building the tree first (half the CPU
      // on the cluster's append path): the record serialises as {"type":...,...}, never as {}.
      String fields = MAPPER.writeValueAsString(stored.event());
      return "{\"seq\":" + stored.seq() + ",\"ts\":" + stored.timestampMillis() + "," + fields.substring(1);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + stored.event().type(), e);
    }
  }

  /** The flat JSON object for a stored event, including its session id when asked. */
  public static ObjectNode toNode(SessionEvent stored) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("seq", stored.seq());
    node.put("ts", stored.timestampMillis());
    node.setAll((ObjectNode) MAPPER.valueToTree(stored.event()));
    return node;
  }

  /**
   * Parses one line written by {@link #toLine}.
   *
   * @throws IllegalArgumentException when the line is not a complete, known event
   */
  public static SessionEvent fromLine(String sessionId, String line) {
    try {
      JsonNode tree = MAPPER.readTree(line);
      if (!(tree instanceof ObjectNode node) || !node.hasNonNull("seq") || !node.hasNonNull("type")) {
        throw new IllegalArgumentException("not an event object");
      }
      long seq = node.remove("seq").asLong();
      JsonNode ts = node.remove("ts");
      Event event = MAPPER.treeToValue(node, Event.class);
      return new SessionEvent(sessionId, seq, ts == null ? 0 : ts.asLong(), event);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("bad event line: " + e.getMessage(), e);
    }
  }

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(Event.class, EventTypeMixin.class)
            .build();
    mapper.registerSubtypes(
        new NamedType(UserMessage.class, UserMessage.TYPE),
        new NamedType(ModelDelta.class, ModelDelta.TYPE),
        new NamedType(ModelMessage.class, ModelMessage.TYPE),
        new NamedType(ToolCallStarted.class, ToolCallStarted.TYPE),
        new NamedType(ToolOutputChunk.class, ToolOutputChunk.TYPE),
        new NamedType(ToolCallFinished.class, ToolCallFinished.TYPE),
        new NamedType(ApprovalRequested.class, ApprovalRequested.TYPE),
        new NamedType(ApprovalDecided.class, ApprovalDecided.TYPE),
        new NamedType(ErrorRaised.class, ErrorRaised.TYPE),
        new NamedType(TurnDone.class, TurnDone.TYPE));
    return mapper;
  }

  /** Adds the wire name as property "type" without touching the api module (it has no Jackson). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface EventTypeMixin {}
}
