package dev.localagent.gateway.internal;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;

/**
 * The readable bytes of a frame as a stream, reused frame after frame: the parser copies them
 * into its recycled read buffer, so neither a byte[] of the frame nor a stream per frame is made.
 * Reading leaves the buffer's indices as they were.
 */
final class FrameInput extends InputStream {
  private ByteBuf content;
  private int at;
  private int end;

  /** Points the stream at {@code content}'s readable bytes; null lets go of the last frame. */
  void reset(ByteBuf content) {
    this.content = content;
    this.at = content == null ? 0 : content.readerIndex();
    this.end = content == null ? 0 : content.writerIndex();
  }

  @Override
  public int read() {
    return at < end ? content.getByte(at++) & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    int count = Math.min(length, end - at);
    if (count <= 0) {
      return -1;
    }
    content.getBytes(at, into, offset, count);
    at += count;
    return count;
  }

  @Override
  public int available() {
    return end - at;
  }
}
