package dev.localagent.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * JSON encoding of protocol v1 frames, shared by server and client. Events carry their wire name
 * ({@link Event#type()}) as {@code type}; the api module stays free of Jackson by attaching the
 * type mapping here as a mix-in.
 */
public final class WireJson {
  private static final ObjectMapper MAPPER = createMapper();
  private static final ObjectWriter EVENT_WRITER = MAPPER.writerFor(Event.class);
  private static final ObjectReader SERVER_FRAME_READER = MAPPER.readerFor(ServerFrame.class);

  private WireJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A server frame carrying one session event. */
  public record EventFrame(String type, String sessionId, long seq, long ts, Event event) {
    public static EventFrame of(SessionEvent e) {
      return new EventFrame(Protocol.EVENT, e.sessionId(), e.seq(), e.timestampMillis(), e.event());
    }

    public SessionEvent toSessionEvent() {
      return new SessionEvent(sessionId, seq, ts, event);
    }
  }

  /** A server frame answering a request; {@code type} is {@code reply} or {@code pong}. */
  public record ReplyFrame(String type, String id, Object result) {}

  /** A server frame reporting a failure; {@code id} is the request's, or null. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ErrorFrame(String type, String id, String code, String message) {}

  public static byte[] encode(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final byte[] PONG_WITH_ID = "{\"type\":\"pong\",\"id\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG_WITHOUT_ID = "{\"type\":\"pong\",".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG_AFTER_ID = "\",".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG_RESULT = "\"result\":{\"serverTimeMillis\":".getBytes(StandardCharsets.US_ASCII);

  /**
   * The pong frame, byte for byte what {@link #encode} makes of a {@link ReplyFrame} carrying a
   * {@link Messages.Pong}: ping is the one request a client may send at a high rate, so an id the
   * generator would copy verbatim (printable ASCII, no quote or backslash) and a non-negative time
   * are written straight into one array of the exact size; anything else goes through the
   * streaming generator, which escapes it.
   */
  public static byte[] encodePong(String id, long serverTimeMillis) {
    if ((id != null && !isVerbatimAscii(id)) || serverTimeMillis < 0) {
      return encodePongWithGenerator(id, serverTimeMillis);
    }
    int digits = decimalDigits(serverTimeMillis);
    byte[] head = id == null ? PONG_WITHOUT_ID : PONG_WITH_ID;
    int idBytes = id == null ? 0 : id.length() + PONG_AFTER_ID.length;
    byte[] out = new byte[head.length + idBytes + PONG_RESULT.length + digits + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    int at = head.length;
    if (id != null) {
      id.getBytes(0, id.length(), out, at); // Deprecated for its lossy narrowing; every char is ASCII here.
      at += id.length();
      System.arraycopy(PONG_AFTER_ID, 0, out, at, PONG_AFTER_ID.length);
      at += PONG_AFTER_ID.length;
    }
    System.arraycopy(PONG_RESULT, 0, out, at, PONG_RESULT.length);
    at += PONG_RESULT.length + digits;
    long rest = serverTimeMillis;
    for (int i = at - 1; i >= at - digits; i--) {
      out[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    out[at] = '}';
    out[at + 1] = '}';
    return out;
  }

  /** True when the JSON generator writes every char of {@code s} as itself, unescaped. */
  public static boolean isVerbatimAscii(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') {
        return false;
      }
    }
    return true;
  }

  private static int decimalDigits(long nonNegative) {
    int digits = 1;
    for (long rest = nonNegative / 10; rest > 0; rest /= 10) {
      digits++;
    }
    return digits;
  }

  private static byte[] encodePongWithGenerator(String id, long serverTimeMillis) {
    var bytes = new ByteArrayBuilder(64);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("type", Protocol.PING.replyType());
      if (id != null) {
        json.writeStringField("id", id);
      }
      json.writeObjectFieldStart("result");
      json.writeNumberField("serverTimeMillis", serverTimeMillis);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The event frame, byte for byte what {@link #encode} makes of {@link EventFrame#of}: the
   * envelope is written with the streaming generator and only the event itself goes through the
   * mapper (a writer resolved once), since every event a session appends is encoded here.
   */
  public static byte[] encodeEvent(SessionEvent event) {
    var bytes = new ByteArrayBuilder(256);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("type", Protocol.EVENT);
      json.writeStringField("sessionId", event.sessionId()); // SessionEvent forbids a null id or event.
      json.writeNumberField("seq", event.seq());
      json.writeNumberField("ts", event.timestampMillis());
      json.writeFieldName("event");
      EVENT_WRITER.writeValue(json, event.event());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Any frame a server sends, bound in one pass whatever its type: an event's fields, a reply's
   * {@code result} (a tree, as its shape depends on the request), or an error's code and message.
   * Fields the frame does not carry are null (0 for seq and ts).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ServerFrame(String type, String id, String sessionId, long seq, long ts, Event event,
      String code, String message, JsonNode result) {
    public EventFrame toEvent() {
      return new EventFrame(type, sessionId, seq, ts, event);
    }
  }

  /**
   * Decodes one WebSocket text message from a server, a frame or a batch (an array of them), and
   * hands each frame to {@code sink} in order. A client receiving events at a high rate binds
   * them straight from the text, without building a tree first.
   *
   * @throws IOException when the text is not JSON or a frame does not fit its type (an event of
   *     an unknown type, for one); frames before the bad one have been handed over
   */
  public static void decodeServerFrames(String text, Consumer<ServerFrame> sink) throws IOException {
    try (JsonParser json = MAPPER.getFactory().createParser(text)) {
      JsonToken first = json.nextToken();
      if (first == JsonToken.START_ARRAY) {
        while (json.nextToken() == JsonToken.START_OBJECT) {
          sink.accept(SERVER_FRAME_READER.readValue(json));
        }
      } else if (first == JsonToken.START_OBJECT) {
        sink.accept(SERVER_FRAME_READER.readValue(json));
      } else {
        throw new JsonParseException(json, "a server frame is a JSON object or an array of them");
      }
    }
  }

  private static String wireName(Class<?> eventType) {
    try {
      return (String) eventType.getField("TYPE").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(eventType.getName() + " must declare public static TYPE", e);
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private abstract static class EventTypeMixin {}

  private static ObjectMapper createMapper() {
    var mapper = new ObjectMapper();
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    mapper.addMixIn(Event.class, EventTypeMixin.class);
    // Every permitted event type with its TYPE constant, so a new event cannot be forgotten here.
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      mapper.registerSubtypes(new NamedType(type, wireName(type)));
    }
    return mapper;
  }
}
