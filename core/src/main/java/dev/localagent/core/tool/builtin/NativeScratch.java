package dev.localagent.core.tool.builtin;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.List;

/**
 * The native memory one natively spawned command needs from spawn to reap: the read buffer, the
 * pollfd array, errno and wait-status cells, the pipe pair, the spawn file actions, and room for
 * argv and the working directory. Taken from a small lock-free pool and given back when the
 * command is over, so a command allocates (and zeroes) no native memory: a fresh 64 KiB buffer
 * per command was the largest Java-side cost in a profile of parallel shell.exec calls
 * (docs/CAPACITY.md). One thread uses a scratch block at a time; it may move between threads
 * (a virtual-thread caller hands its poll loop to a platform thread), which is why its memory
 * comes from an automatic arena rather than a confined one.
 */
final class NativeScratch {
  static final int READ_BUFFER_BYTES = 64 * 1024; // a whole default pipe buffer per read
  static final int POLLFD_BYTES = 8; // struct pollfd { int fd; short events; short revents; }
  static final int FILE_ACTIONS_BYTES = 256; // glibc's posix_spawn_file_actions_t: 80
  private static final int STRINGS_BYTES = 8 * 1024; // argv and cwd of a typical command
  private static final BlockPool<NativeScratch> POOL = new BlockPool<>(NativeScratch::new);

  final MemorySegment readBuffer;
  final MemorySegment pollfds; // three entries: stdout, stderr, pidfd
  final MemorySegment callState; // errno of the poll loop's calls
  final MemorySegment reapState; // errno and status of the kill and waitpid that end the command
  final MemorySegment status;
  final MemorySegment pipes; // two int pairs: stdout, stderr
  final MemorySegment pid;
  final MemorySegment fileActions;
  private final MemorySegment strings;

  private NativeScratch() {
    Arena arena = Arena.ofAuto();
    readBuffer = arena.allocate(READ_BUFFER_BYTES, 16);
    pollfds = arena.allocate(3L * POLLFD_BYTES, 8);
    callState = Libc.newCallState(arena);
    reapState = Libc.newCallState(arena);
    status = arena.allocate(8, 8);
    pipes = arena.allocate(16, 8);
    pid = arena.allocate(8, 8);
    fileActions = arena.allocate(FILE_ACTIONS_BYTES, 16);
    strings = arena.allocate(STRINGS_BYTES, 16);
  }

  /** A scratch block from the pool, or a new one when all are in use. */
  static NativeScratch take() {
    return POOL.take();
  }

  /** Gives this block back; the caller must not touch it afterwards. A full pool drops it (the GC frees it). */
  void release() {
    POOL.give(this);
  }

  /** True when {@code values} and {@code extra} fit in this block's string room (see {@link #strings}). */
  boolean fits(List<String> values, String extra) {
    long need = ADDRESS.byteSize() * (values.size() + 2L) + utf8Bound(extra);
    for (String value : values) {
      need += utf8Bound(value);
    }
    return need <= STRINGS_BYTES;
  }

  /**
   * A NULL-terminated {@code char *[]} of {@code values}, followed at index {@code values.size() + 1}
   * by the C string {@code extra}: in this block when they {@link #fits fit}, else in {@code overflow}.
   */
  MemorySegment strings(List<String> values, String extra, Arena overflow) {
    SegmentAllocator allocator = overflow == null ? SegmentAllocator.slicingAllocator(strings) : overflow;
    MemorySegment array = allocator.allocate(ADDRESS, values.size() + 2L);
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, allocator.allocateFrom(values.get(i)));
    }
    array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
    array.setAtIndex(ADDRESS, values.size() + 1L, allocator.allocateFrom(extra));
    return array;
  }

  /** Bytes a string takes as NUL-terminated UTF-8, at most (3 per UTF-16 unit), plus alignment slack. */
  private static long utf8Bound(String value) {
    return 3L * value.length() + 1 + ADDRESS.byteSize();
  }
}
