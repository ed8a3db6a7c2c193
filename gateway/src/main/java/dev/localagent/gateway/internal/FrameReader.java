package dev.localagent.gateway.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import dev.localagent.gateway.protocol.WireJson;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;

/**
 * Reads a client frame with Jackson's streaming parser straight into its params record: no
 * tree, no databind context, no parser per frame (each event-loop thread keeps a non-blocking
 * one and feeds it whole frames), only the values the record keeps. Every client message
 * arrives on this path, and ping may arrive at a high rate.
 *
 * <p>It binds only what it can bind exactly as {@link TreeFrameReader} would, field by field:
 * text from a JSON string or null, an int or long from an integer in range, a boolean from true
 * or false, a decision from a constant's name, capabilities from an object, the request id from
 * a string, null or a container; a repeated field counts with its last value, as in a tree, and
 * fields no v1 message has are skipped (still parsed to the end of the object). Whatever else (a
 * number where text belongs, a float for a seq, malformed JSON, a root that is not an object,
 * and tool.invoke's free-form arguments) goes to the tree reader, whose answer, with Jackson's
 * own message, thus stays the protocol's ({@link FrameFields} decides field by field).
 *
 * <p>Stateless; the parser, scratch space and fields belong to the calling thread.
 */
final class FrameReader {
  /** Bytes one parser reads before it is replaced, bounding the field names it has collected. */
  private static final long BYTES_PER_PARSER = 1L << 20;
  /** Frames up to this size are copied into the thread's scratch array; larger, into their own. */
  private static final int SCRATCH_BYTES = 16 * 1024;

  private static final FastThreadLocal<ThreadParser> PARSERS = new FastThreadLocal<>() {
    @Override
    protected ThreadParser initialValue() {
      return new ThreadParser();
    }
  };

  private FrameReader() {}

  /** Reads the frame's readable bytes; the buffer's indices are left as they were. */
  static ClientMessage read(ByteBuf content) {
    ClientMessage message = readStreaming(content);
    return message != null ? message : TreeFrameReader.read(content);
  }

  /** The message bound by the streaming parser alone, or null when the tree reader must answer. */
  static ClientMessage readStreaming(ByteBuf content) {
    ThreadParser reader = PARSERS.get();
    ClientMessage message = null;
    try {
      message = reader.read(content);
    } catch (IOException e) {
      // The tree reader says what is wrong, in the protocol's words.
    } finally {
      if (message == null || !reader.feeder.needMoreInput()) {
        reader.discard(); // Stopped inside the frame or before its end: never feed this one again.
      }
    }
    return message;
  }

  /**
   * A non-blocking parser kept by one event-loop thread and fed one whole frame at a time: a
   * frame read to the end of its object leaves it between two root values, ready for the next
   * frame of any connection, so no parser, context or buffer is made per frame. Any other outcome
   * (bad JSON, a frame cut short, bytes after the object) discards it; so does reading {@link
   * #BYTES_PER_PARSER}, as its symbol table keeps every field name it has seen.
   */
  private static final class ThreadParser {
    private final FrameFields fields = new FrameFields();
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private long fed;

    ClientMessage read(ByteBuf content) throws IOException {
      int length = content.readableBytes();
      if (parser == null || fed > BYTES_PER_PARSER) {
        discard();
        parser = WireJson.mapper().getFactory().createNonBlockingByteArrayParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        fed = 0;
      }
      fed += length;
      if (content.hasArray()) {
        feeder.feedInput(content.array(), content.arrayOffset() + content.readerIndex(),
            content.arrayOffset() + content.writerIndex());
      } else {
        byte[] bytes = length <= scratch.length ? scratch : new byte[length];
        content.getBytes(content.readerIndex(), bytes, 0, length);
        feeder.feedInput(bytes, 0, length);
      }
      return bind(parser, fields);
    }

    void discard() {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException e) {
          // Closing reads nothing more; there is no input to fail.
        }
        parser = null;
        feeder = null;
      }
    }
  }

  /** The message, or null when the tree reader must answer. */
  private static ClientMessage bind(JsonParser p, FrameFields f) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    f.clear();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      f.take(name, p.nextToken(), p);
    }
    return p.hasToken(JsonToken.END_OBJECT) ? f.message() : null;
  }
}
