package dev.localagent.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.protocol.WireJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainPingTest {
  private static final long NOW = 1_764_300_000_000L;

  @Test
  void recognisedPingsGetTheSamePongAsTheGeneralPath() throws Exception {
    List<String> recognised = List.of(
        "{\"type\":\"ping\",\"id\":\"e\"}",
        "{\"type\":\"ping\"}",
        "{\"id\":\"42\",\"type\":\"ping\"}",
        " \r\n\t{ \"type\" : \"ping\" ,\n \"id\" : \"a b~{}[]:,/\" } \n",
        "{\"type\":\"ping\",\"id\":\"\"}");
    for (String text : recognised) {
      JsonNode tree = WireJson.mapper().readTree(text);
      JsonNode id = tree.get("id");
      byte[] general = WireJson.encodePong(id == null ? null : id.asText(), NOW);
      assertThat(PlainPing.pongFor(buf(text), NOW)).as(text).isEqualTo(general);
    }
  }

  @Test
  void everythingElseIsLeftToTheGeneralPath() {
    List<String> declined = List.of(
        "", "  ", "{}", "[]", "\"ping\"", "{\"type\":\"pong\",\"id\":\"e\"}",
        "{\"type\":\"ping\",\"id\":5}", "{\"type\":\"ping\",\"id\":null}",
        "{\"type\":\"ping\",\"id\":\"a\\\"b\"}", "{\"type\":\"ping\",\"id\":\"\u00e9\"}",
        "{\"type\":\"p\\u0069ng\"}", "{\"type\":\"ping\",\"params\":{}}",
        "{\"type\":\"ping\",\"x\":\"y\"}", "{\"type\":\"ping\",\"id\":\"a\",\"id\":\"b\"}",
        "{\"type\":\"ping\",\"type\":\"ping\"}", "{\"id\":\"e\"}",
        "{\"type\":\"ping\"} x", "{\"type\":\"ping\"}{}", "{\"type\":\"ping\",}",
        "{\"type\":\"ping\"", "{\"type\" \"ping\"}", "{\"type\":\"ping\" \"id\":\"e\"}",
        "{\"type\":\"ping\",\"id\":\"tab\there\"}", "{\"type\":\"ping\",\"id\":\"e");
    for (String text : declined) {
      assertThat(PlainPing.pongFor(buf(text), NOW)).as(text).isNull();
    }
  }

  @Test
  void readsOnlyTheFrameBetweenItsIndexes() {
    ByteBuf framed = buf("xx{\"type\":\"ping\",\"id\":\"e\"}yy");
    framed.setIndex(2, framed.writerIndex() - 2);
    assertThat(PlainPing.idOf(framed)).isEqualTo("e");
    assertThat(framed.readerIndex()).isEqualTo(2);
  }

  private static ByteBuf buf(String text) {
    ByteBuf direct = Unpooled.directBuffer();
    direct.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return direct;
  }
}
