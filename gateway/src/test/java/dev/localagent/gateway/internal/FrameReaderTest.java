package dev.localagent.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Messages.Ping;
import dev.localagent.gateway.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming reader against the tree reader it replaces on the hot path: for every frame of
 * a corpus of valid and invalid ones, both give the same message (type, id, params record, or the
 * same error detail), and the valid ones are bound without the tree.
 */
class FrameReaderTest {
  /** Frames the streaming parser binds itself. */
  static Stream<String> boundWithoutTree() {
    return Stream.of(
        "{\"type\":\"ping\",\"id\":\"e\"}",
        "{\"type\":\"ping\"}",
        " {\n\t\"id\" : \"p2\" ,\r\n \"type\" : \"ping\" } ",
        "{\"type\":\"ping\",\"id\":\"q\\\"\u00e9\\\\\\/\\b\\f\\n\\r\\t\"}",
        "{\"type\":\"ping\",\"id\":\"\\u00e9\\ud83d\\ude00 \u65e5\u672c \ud83d\ude00\"}",
        "{\"type\":\"ping\",\"id\":\"\"}",
        "{\"type\":\"ping\",\"id\":null}",
        "{\"type\":\"ping\",\"id\":{\"a\":[1,{\"b\":2}]}}",
        "{\"type\":\"ping\",\"id\":[]}",
        "{\"type\":\"ping\",\"params\":{\"deep\":[[[{}]]]},\"x\":1.5e10,\"y\":true,\"z\":null}",
        "{\"type\":\"ping\",\"protocol\":\"x\",\"fromSeq\":1.5,\"sessionId\":7,\"decision\":\"nope\"}",
        "{\"\\u0074ype\":\"ping\",\"\\u0069d\":\"escaped keys\"}",
        "{\"type\":\"session.open\",\"type\":\"ping\",\"id\":\"a\",\"id\":\"b\"}",
        "{\"type\":\"ping\",\"id\":\"trailing\"} ]]] not json",
        "{\"type\":\"ping\"}{\"type\":\"hello\"}",
        "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"token\":\"t0k\",\"client\":\"c\","
            + "\"capabilities\":{\"batching\":true,\"other\":[1,{\"x\":2}]}}",
        "{\"type\":\"hello\",\"protocol\":2,\"capabilities\":null,\"token\":null}",
        "{\"type\":\"hello\",\"protocol\":-0,\"capabilities\":{}}",
        "{\"type\":\"hello\",\"protocol\":2147483647,\"capabilities\":{\"batching\":\"x\",\"batching\":false}}",
        "{\"capabilities\":{\"batching\":true},\"protocol\":1,\"token\":\"t\",\"type\":\"hello\",\"id\":\"5\"}",
        "{\"type\":\"session.open\",\"id\":\"1\",\"title\":\"a title\"}",
        "{\"type\":\"session.open\",\"title\":null}",
        "{\"type\":\"session.open\"}",
        "{\"type\":\"session.attach\",\"sessionId\":\"s\",\"fromSeq\":9007199254740993}",
        "{\"type\":\"session.attach\",\"sessionId\":\"s\",\"fromSeq\":-1}",
        "{\"type\":\"session.attach\",\"sessionId\":\"s\",\"fromSeq\":-9223372036854775808}",
        "{\"type\":\"session.attach\",\"fromSeq\":\"many\",\"fromSeq\":5,\"sessionId\":\"s\"}",
        "{\"type\":\"session.prompt\",\"sessionId\":\"s\",\"text\":\"line\\nand \\\\ \u65e5\u672c\u8a9e\"}",
        "{\"type\":\"session.cancel\",\"sessionId\":\"s\"}",
        "{\"type\":\"tool.invoke\",\"tool\":\"upper\",\"arguments\":null}",
        "{\"type\":\"tool.invoke\",\"tool\":\"upper\"}",
        "{\"type\":\"approval.reply\",\"sessionId\":\"s\",\"approvalId\":\"a\",\"decision\":\"ALLOW_ONCE\"}",
        "{\"type\":\"approval.reply\",\"sessionId\":\"s\",\"approvalId\":\"a\",\"decision\":null}",
        "{\"type\":\"sessions.list\",\"id\":\"l\",\"sessionId\":{}}",
        "{\"type\":\"session.explode\",\"id\":\"x\"}",
        "{\"type\":\"\",\"id\":\"x\"}",
        "{\"id\":\"x\"}",
        "{}",
        "{\"type\":\"ping\",\"id\":\"" + "i".repeat(200_000) + "\"}",
        "{\"type\":\"session.prompt\",\"sessionId\":\"s\",\"text\":\"" + "\u00e9\\n".repeat(100_000) + "\"}",
        "{\"type\":\"ping\",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}");
  }

  /** Frames the tree reader answers: bad JSON, and values whose binding the tree defines. */
  static Stream<String> answeredByTheTree() {
    return Stream.of(
        "{not json", "{\"type\":\"ping\"", "{\"type\":\"ping\",}", "{\"type\":\"ping\" \"id\":\"x\"}",
        "", "   ", "[1,2]", "\"ping\"", "5", "null", "true", "{\"type\":'ping'}",
        "{\"type\":\"ping\",\"id\":\"a\tb\"}", "{\"type\":\"ping\",\"id\":\"\\x\"}",
        "{\"type\":\"session.explode\",\"x\":[}", "{\"type\":\"ping\",\"x\":01}",
        "{\"type\":\"session.cancel\",\"sessionId\":5}",
        "{\"type\":\"session.prompt\",\"sessionId\":\"s\",\"text\":true}",
        "{\"type\":\"session.open\",\"title\":1.25}",
        "{\"type\":\"session.open\",\"title\":{\"a\":1}}",
        "{\"type\":\"session.open\",\"title\":[\"a\"]}",
        "{\"type\":\"session.attach\",\"fromSeq\":\"many\"}",
        "{\"type\":\"session.attach\",\"sessionId\":\"s\",\"fromSeq\":\"12\"}",
        "{\"type\":\"session.attach\",\"sessionId\":\"s\",\"fromSeq\":1e3}",
        "{\"type\":\"session.attach\",\"sessionId\":\"s\",\"fromSeq\":99999999999999999999}",
        "{\"type\":\"session.attach\",\"sessionId\":\"s\",\"fromSeq\":null}",
        "{\"type\":\"session.attach\",\"fromSeq\":5,\"fromSeq\":\"many\"}",
        "{\"type\":\"hello\",\"protocol\":\"1\"}", "{\"type\":\"hello\",\"protocol\":1.0}",
        "{\"type\":\"hello\",\"protocol\":1.5}", "{\"type\":\"hello\",\"protocol\":2147483648}",
        "{\"type\":\"hello\",\"protocol\":true}", "{\"type\":\"hello\",\"protocol\":null}",
        "{\"type\":\"hello\",\"capabilities\":\"yes\"}", "{\"type\":\"hello\",\"capabilities\":[]}",
        "{\"type\":\"hello\",\"capabilities\":{\"batching\":\"true\"}}",
        "{\"type\":\"hello\",\"capabilities\":{\"batching\":1}}",
        "{\"type\":\"hello\",\"capabilities\":{\"batching\":null}}",
        "{\"type\":\"hello\",\"capabilities\":{\"batching\":true},\"capabilities\":false}",
        "{\"type\":5,\"id\":\"n\"}", "{\"type\":null,\"id\":\"n\"}", "{\"type\":{},\"id\":\"n\"}",
        "{\"type\":[\"ping\"]}", "{\"type\":true}",
        "{\"type\":\"ping\",\"id\":7}", "{\"type\":\"ping\",\"id\":-0}", "{\"type\":\"ping\",\"id\":true}",
        "{\"type\":\"ping\",\"id\":1.50}", "{\"type\":\"ping\",\"id\":1e2}",
        "{\"type\":\"session.explode\",\"id\":12345678901234567890123}",
        "{\"type\":\"approval.reply\",\"sessionId\":\"s\",\"approvalId\":\"a\",\"decision\":\"deny\"}",
        "{\"type\":\"approval.reply\",\"sessionId\":\"s\",\"approvalId\":\"a\",\"decision\":1}",
        "{\"type\":\"approval.reply\",\"sessionId\":\"s\",\"approvalId\":\"a\",\"decision\":\"2\"}",
        "{\"type\":\"approval.reply\",\"sessionId\":\"s\",\"approvalId\":\"a\",\"decision\":\"\"}",
        "{\"type\":\"tool.invoke\",\"tool\":\"upper\",\"arguments\":[]}",
        "{\"type\":\"tool.invoke\",\"id\":\"t\",\"tool\":\"upper\",\"arguments\":{\"text\":\"x\",\"n\":1,"
            + "\"f\":1.5,\"big\":123456789012345678901234567890,\"l\":12345678901,"
            + "\"nested\":{\"a\":[1,null,true]},\"dup\":1,\"dup\":2}}",
        "{\"type\":\"tool.invoke\",\"tool\":\"upper\",\"arguments\":\"x\"}",
        "{\"type\":\"ping\",\"x\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}",
        "{\"type\":\"ping\",\"x\":" + "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500) + "}",
        "{\"type\":\"ping\",\"n\":" + "1".repeat(2_000) + "}",
        // Cut short inside a skipped value, a tree, a nested object, a string, a number.
        "{\"type\":\"ping\",\"x\":[1,{\"a\":", "{\"type\":\"ping\",\"x\":{",
        "{\"type\":\"tool.invoke\",\"tool\":\"t\",\"arguments\":{\"a\":[1",
        "{\"type\":\"hello\",\"capabilities\":{\"batching\":true", "{\"type\":\"ping\",\"id\":\"abc",
        "{\"type\":\"ping\",\"n\":12", "{\"type\":\"ping\",\"n\":-", "{\"type\":\"ping\",\"b\":tr",
        "{\"type\":\"ping\",\"id\":\"\\u00", "{\"type\":\"ping\",\"id\":\"\u00e9\"");
  }

  @ParameterizedTest
  @MethodSource("boundWithoutTree")
  void validFramesAreBoundWithoutATreeExactlyAsTheTreeBindsThem(String frame) {
    ByteBuf content = utf8(frame);
    ClientMessage streamed = FrameReader.readStreaming(content);
    assertThat(streamed).as(frame).isNotNull().isEqualTo(TreeFrameReader.read(content));
    assertThat(content.readerIndex()).isZero();
  }

  @ParameterizedTest
  @MethodSource("answeredByTheTree")
  void everyOtherFrameGetsTheTreeReadersAnswer(String frame) {
    ByteBuf content = utf8(frame);
    assertThat(FrameReader.read(content)).as(frame).isEqualTo(TreeFrameReader.read(content));
  }

  @Test
  void oneThreadReadsFramesOfEveryKindInAnyOrderAndStillBindsTheValidOnesWithoutATree() {
    List<String> corpus = new ArrayList<>(Stream.concat(boundWithoutTree(), answeredByTheTree()).toList());
    Collections.shuffle(corpus, new Random(5));
    for (int pass = 0; pass < 2; pass++) {
      for (String frame : corpus) {
        ByteBuf content = utf8(frame);
        assertThat(FrameReader.read(content)).as(frame).isEqualTo(TreeFrameReader.read(content));
        ByteBuf ping = utf8("{\"type\":\"ping\",\"id\":\"after\"}");
        assertThat(FrameReader.readStreaming(ping)).as("a ping after " + frame)
            .isEqualTo(new ClientMessage.Request("after", Protocol.PING, new Ping()));
      }
    }
  }

  @Test
  void badInputIsAnsweredWithTheProtocolsErrorsNotABinding() {
    assertThat(FrameReader.read(utf8("{not json"))).isInstanceOf(ClientMessage.Malformed.class);
    assertThat(FrameReader.read(utf8("[1,2]")))
        .isEqualTo(new ClientMessage.Malformed("a message must be one JSON object"));
    // The whole object is read before its type is looked at: bad JSON after it is still bad JSON.
    assertThat(FrameReader.read(utf8("{\"type\":\"session.explode\",\"x\":[}")))
        .isInstanceOf(ClientMessage.Malformed.class);
    assertThat(FrameReader.read(utf8("{\"type\":\"session.attach\",\"id\":\"7\",\"fromSeq\":\"many\"}")))
        .isInstanceOfSatisfying(ClientMessage.BadParams.class, bad -> {
          assertThat(bad.id()).isEqualTo("7");
          assertThat(bad.detail()).contains("many");
        });
    assertThat(FrameReader.read(utf8("{\"type\":\"ping\",\"id\":7}")))
        .isEqualTo(new ClientMessage.Request("7", Protocol.PING, new Ping()));
  }

  @Test
  void everyProtocolMessageHasAStreamingBinding() {
    for (MessageSpec<?, ?> spec : Protocol.MESSAGES) {
      ByteBuf content = utf8("{\"type\":\"" + spec.type() + "\",\"id\":\"1\"}");
      assertThat(FrameReader.readStreaming(content)).as(spec.type())
          .isEqualTo(TreeFrameReader.read(content))
          .isInstanceOfSatisfying(ClientMessage.Request.class, r -> assertThat(r.spec()).isEqualTo(spec));
    }
  }

  @Test
  void framesInDirectSlicedAndOtherEncodedBuffersReadTheSame() {
    byte[] ping = "{\"type\":\"ping\",\"id\":\"d\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    ByteBuf direct = Unpooled.directBuffer().writeBytes(ping);
    ByteBuf sliced = Unpooled.wrappedBuffer(concat("xx{".getBytes(StandardCharsets.US_ASCII), ping))
        .skipBytes(3);
    List<ByteBuf> frames = new ArrayList<>(List.of(direct, sliced,
        Unpooled.wrappedBuffer(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ping)),
        Unpooled.wrappedBuffer("{\"type\":\"ping\",\"id\":\"16\"}".getBytes(StandardCharsets.UTF_16LE)),
        Unpooled.wrappedBuffer(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xFF, '"', '}'}),
        Unpooled.wrappedBuffer(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '"', '}'})));
    for (ByteBuf content : frames) {
      int readerIndex = content.readerIndex();
      assertThat(FrameReader.read(content)).isEqualTo(TreeFrameReader.read(content));
      assertThat(content.readerIndex()).isEqualTo(readerIndex);
    }
    assertThat(FrameReader.readStreaming(direct)).isEqualTo(
        new ClientMessage.Request("d\u00e9", Protocol.PING, new Ping()));
    direct.release();
  }

  private static ByteBuf utf8(String frame) {
    return Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
