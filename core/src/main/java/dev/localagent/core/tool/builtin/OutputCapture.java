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
    Stream sink = stream(stream);
    byte[] buffer = new byte[16 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      sink.accept(buffer, n);
    }
  }

  /** A sink for one stream's bytes, decoding UTF-8 across chunk boundaries. */
  Stream stream(String name) {
    return new Stream(name);
  }

  /** One stream's decoder state; used by one thread at a time. */
  final class Stream {
    private final String name;
    private CharsetDecoder decoder; // made on the first bytes: most commands write nothing to stderr
    private ByteBuffer pending;

    private Stream(String name) {
      this.name = name;
    }

    void accept(byte[] buffer, int n) {
      accept(ByteBuffer.wrap(buffer, 0, n));
    }

    /** Takes the remaining bytes of {@code bytes} (heap or native); keeps up to the cap. */
    void accept(ByteBuffer bytes) {
      int keep = reserve(bytes.remaining());
      if (keep == 0) {
        return;
      }
      bytes.limit(bytes.position() + keep);
      if (decoder == null) {
        decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        pending = ByteBuffer.allocate(64);
      }
      ByteBuffer in = bytes;
      if (pending.position() > 0) { // the start of a UTF-8 sequence split by the previous read
        if (pending.remaining() < keep) {
          pending = ByteBuffer.allocate(pending.position() + keep).put(pending.flip());
        }
        in = pending.put(bytes).flip();
      }
      CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, chars, false); // an incomplete UTF-8 sequence waits for the next read
      if (in == pending) {
        pending.compact();
      } else {
        pending.clear().put(in); // at most 3 bytes
      }
      chars.flip();
      if (chars.hasRemaining()) {
        String chunk = chars.toString();
        synchronized (OutputCapture.this) { // one writer at a time, in the order kept in text
          text.append(chunk);
          output.write(name, chunk);
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
