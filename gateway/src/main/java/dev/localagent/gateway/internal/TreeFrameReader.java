package dev.localagent.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The reference reading of a client frame: a JSON tree, then the params record bound from it.
 * It defines protocol v1's answers to bad input (Jackson's own messages); {@link FrameReader}
 * hands it every frame it does not bind itself, and its tests compare the two.
 */
final class TreeFrameReader {
  private TreeFrameReader() {}

  /** Reads the frame's readable bytes; the buffer's indices are left as they were. */
  static ClientMessage read(ByteBuf content) {
    JsonNode message;
    try (var in = new ByteBufInputStream(content.duplicate())) {
      message = WireJson.mapper().readTree((InputStream) in);
    } catch (JsonProcessingException e) {
      return new ClientMessage.Malformed("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new ClientMessage.Malformed("unreadable frame: " + e.getMessage());
    }
    if (message == null || !message.isObject()) {
      return new ClientMessage.Malformed("a message must be one JSON object");
    }
    return bind(message);
  }

  private static ClientMessage bind(JsonNode message) {
    String id = requestId(message);
    JsonNode typeNode = message.get("type");
    String type = typeNode == null ? null : typeNode.asText(null);
    MessageSpec<?, ?> spec = Protocol.find(type).orElse(null);
    if (spec == null) {
      return new ClientMessage.UnknownType(id, type);
    }
    try {
      return new ClientMessage.Request(id, spec, WireJson.mapper().treeToValue(message, spec.params()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new ClientMessage.BadParams(id, type, firstLine(e.getMessage()));
    }
  }

  private static String requestId(JsonNode message) {
    JsonNode id = message.get("id");
    return id == null || id.isNull() || id.isContainerNode() ? null : id.asText();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no detail";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
