package dev.localagent.gateway.internal;

import dev.localagent.gateway.protocol.WireJson;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Recognises the common shape of a ping straight from the frame's bytes, so the hot echo path
 * skips building a JSON tree: one object whose members are only {@code "type":"ping"} and at most
 * one {@code "id"}, every key and value a string of printable ASCII without quote or backslash, in
 * any order, with any JSON whitespace. Whatever else (escapes, non-ASCII, numbers, other members,
 * trailing bytes) is not recognised and takes the general path, which answers the same frames
 * identically; the shape is only a shortcut, never a different rule.
 */
final class PlainPing {
  /** The id of a recognised ping without one. */
  private static final String NO_ID = new String("no id"); // Compared by identity only.

  private PlainPing() {}

  /** The pong for {@code frame} when it is a plain ping, else null. */
  static byte[] pongFor(ByteBuf frame, long serverTimeMillis) {
    String id = idOf(frame);
    if (id == null) {
      return null;
    }
    return WireJson.encodePong(id == NO_ID ? null : id, serverTimeMillis);
  }

  /** The ping's id, {@link #NO_ID}, or null when the frame is not a plain ping. */
  static String idOf(ByteBuf frame) {
    int at = frame.readerIndex();
    int end = frame.writerIndex();
    at = skipWhitespace(frame, at, end);
    if (at >= end || frame.getByte(at) != '{') {
      return null;
    }
    boolean sawPing = false;
    String id = NO_ID;
    at = skipWhitespace(frame, at + 1, end);
    while (true) {
      int keyStart = at + 1;
      int keyEnd = stringEnd(frame, at, end);
      if (keyEnd < 0) {
        return null;
      }
      at = skipWhitespace(frame, keyEnd + 1, end);
      if (at >= end || frame.getByte(at) != ':') {
        return null;
      }
      at = skipWhitespace(frame, at + 1, end);
      int valueStart = at + 1;
      int valueEnd = stringEnd(frame, at, end);
      if (valueEnd < 0) {
        return null;
      }
      if (is(frame, keyStart, keyEnd, "type") && !sawPing) {
        if (!is(frame, valueStart, valueEnd, "ping")) {
          return null;
        }
        sawPing = true;
      } else if (is(frame, keyStart, keyEnd, "id") && id == NO_ID) {
        id = frame.toString(valueStart, valueEnd - valueStart, StandardCharsets.US_ASCII);
      } else {
        return null; // Another member, or a repeated one (the general path keeps the last).
      }
      at = skipWhitespace(frame, valueEnd + 1, end);
      if (at >= end) {
        return null;
      }
      byte next = frame.getByte(at);
      if (next == '}') {
        break;
      }
      if (next != ',') {
        return null;
      }
      at = skipWhitespace(frame, at + 1, end);
    }
    return sawPing && skipWhitespace(frame, at + 1, end) == end ? id : null;
  }

  /** The index of the closing quote of the plain string opening at {@code at}, or -1. */
  private static int stringEnd(ByteBuf frame, int at, int end) {
    if (at >= end || frame.getByte(at) != '"') {
      return -1;
    }
    for (int i = at + 1; i < end; i++) {
      byte b = frame.getByte(i);
      if (b == '"') {
        return i;
      }
      if (b < 0x20 || b > 0x7e || b == '\\') {
        return -1; // Escapes and non-ASCII are left to the JSON parser.
      }
    }
    return -1;
  }

  private static boolean is(ByteBuf frame, int start, int end, String ascii) {
    if (end - start != ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (frame.getByte(start + i) != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int skipWhitespace(ByteBuf frame, int at, int end) {
    while (at < end) {
      byte b = frame.getByte(at);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return at;
      }
      at++;
    }
    return at;
  }
}
