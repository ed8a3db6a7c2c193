package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Collects a command's stdout and stderr up to a byte cap, streaming each chunk to a {@link
 * ToolOutput} as it arrives. Past the cap the pipes are still drained (so the command never
 * blocks on a full pipe) but the bytes are counted and dropped: memory stays bounded.
 */
final class OutputCapture {
  private final ToolOutput output;
  private final long cap;
  private final StringBuilder text = new StringBuilder(); // Guarded by this.
  private long kept; // Guarded by this.
  private long dropped; // Guarded by this.

  OutputCapture(ToolOutput output, long cap) {
    this.output = output;
    this.cap = cap;
  }

  /** Reads {@code in} to its end; runs on its own thread per stream. */
  void pump(InputStream in, String stream) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    byte[] buffer = new byte[16 * 1024];
    ByteBuffer pending = ByteBuffer.allocate(buffer.length + 8);
    int n;
    while ((n = in.read(buffer)) >= 0) {
      int keep = reserve(n);
      if (keep == 0) {
        continue;
      }
      pending.put(buffer, 0, keep).flip();
      CharBuffer chars = CharBuffer.allocate(keep + 1);
      decoder.decode(pending, chars, false); // an incomplete UTF-8 sequence waits for the next read
      pending.compact();
      chars.flip();
      if (chars.hasRemaining()) {
        String chunk = chars.toString();
        synchronized (this) { // one writer at a time, in the order kept in text
          text.append(chunk);
          output.write(stream, chunk);
        }
      }
    }
  }

  /** How many of {@code n} new bytes fit under the cap; counts the rest as dropped. */
  private synchronized int reserve(int n) {
    int keep = (int) Math.max(0, Math.min(n, cap - kept));
    kept += keep;
    dropped += n - keep;
    return keep;
  }

  synchronized String text() {
    return text.toString();
  }

  synchronized long dropped() {
    return dropped;
  }
}
