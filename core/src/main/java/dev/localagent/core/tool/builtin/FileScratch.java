package dev.localagent.core.tool.builtin;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The native memory one file operation through {@link Libc} needs: the errno cell, a struct statx,
 * room for the C strings of its paths, and a data buffer that writes and reads go through in
 * chunks. Taken from a small lock-free pool and given back when the operation is over, so a
 * durable write or a small-file read allocates and zeroes no native memory (an arena per call was
 * a malloc, a zeroing and a free for every path and every buffer). One thread uses a block at a
 * time; blocks move between threads through the pool, which is why their memory comes from an
 * automatic arena.
 */
final class FileScratch implements AutoCloseable {
  static final int BUFFER_BYTES = 64 * 1024;
  private static final int STRINGS_BYTES = 16 * 1024; // the few paths of one operation (PATH_MAX is 4096)
  private static final int STATX_BYTES = 256;
  private static final BlockPool<FileScratch> POOL = new BlockPool<>(FileScratch::new);

  final MemorySegment state;
  final MemorySegment statx;
  final MemorySegment buffer;
  private final MemorySegment strings;
  private long used;

  private FileScratch() {
    Arena arena = Arena.ofAuto();
    state = Libc.newCallState(arena);
    statx = arena.allocate(STATX_BYTES, 8);
    buffer = arena.allocate(BUFFER_BYTES, 16);
    strings = arena.allocate(STRINGS_BYTES, 16);
  }

  /** A block from the pool, or a new one when all are in use; close it to give it back. */
  static FileScratch take() {
    FileScratch scratch = POOL.take();
    scratch.used = 0;
    return scratch;
  }

  /** Gives this block back to the pool (a full pool drops it); it must not be used afterwards. */
  @Override
  public void close() {
    POOL.give(this);
  }

  /**
   * {@code value} as a NUL-terminated UTF-8 string, valid until this block is closed: in the
   * block's string room while it lasts, else (a path longer than a few KiB) in memory of its own.
   */
  MemorySegment cString(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (used + bytes.length + 1 > STRINGS_BYTES) {
      return Arena.ofAuto().allocateFrom(value);
    }
    MemorySegment string = strings.asSlice(used, bytes.length + 1);
    MemorySegment.copy(bytes, 0, string, JAVA_BYTE, 0, bytes.length);
    string.set(JAVA_BYTE, bytes.length, (byte) 0);
    used += bytes.length + 1;
    return string;
  }
}
