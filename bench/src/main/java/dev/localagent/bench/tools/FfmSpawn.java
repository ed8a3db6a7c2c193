package dev.localagent.bench.tools;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * posix_spawn called directly through the FFM API, to measure what skipping the JDK's launcher
 * (jspawnhelper) would buy. Measurement only: shell.exec keeps ProcessBuilder (see CAPACITY.md).
 */
final class FfmSpawn {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final MethodHandle PIPE = handle("pipe", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  private static final MethodHandle INIT = handle("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  private static final MethodHandle DUP2 = handle("posix_spawn_file_actions_adddup2",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  private static final MethodHandle ADDCLOSE = handle("posix_spawn_file_actions_addclose",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle DESTROY = handle("posix_spawn_file_actions_destroy",
      FunctionDescriptor.of(JAVA_INT, ADDRESS));
  private static final MethodHandle SPAWN = handle("posix_spawn",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
  private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle WAITPID = handle("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MemorySegment ENVIRON =
      LIBC.find("environ").orElseThrow().reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
  private static final int FILE_ACTIONS_BYTES = 256; // glibc's is 80; room to spare

  private FfmSpawn() {}

  private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor);
  }

  /** Runs {@code argv} (absolute program path), returns its stdout as bytes read and checks exit 0. */
  static long run(String... argv) throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      check((int) PIPE.invokeExact(fds), "pipe");
      int readFd = fds.getAtIndex(JAVA_INT, 0);
      int writeFd = fds.getAtIndex(JAVA_INT, 1);
      MemorySegment actions = arena.allocate(FILE_ACTIONS_BYTES);
      check((int) INIT.invokeExact(actions), "file_actions_init");
      check((int) DUP2.invokeExact(actions, writeFd, 1), "adddup2");
      check((int) ADDCLOSE.invokeExact(actions, readFd), "addclose");
      check((int) ADDCLOSE.invokeExact(actions, writeFd), "addclose");
      MemorySegment args = arena.allocate(ADDRESS, argv.length + 1);
      for (int i = 0; i < argv.length; i++) {
        args.setAtIndex(ADDRESS, i, arena.allocateFrom(argv[i]));
      }
      args.setAtIndex(ADDRESS, argv.length, MemorySegment.NULL);
      MemorySegment pid = arena.allocate(JAVA_INT);
      int rc = (int) SPAWN.invokeExact(pid, args.getAtIndex(ADDRESS, 0), actions, MemorySegment.NULL, args, ENVIRON);
      int ignored = (int) DESTROY.invokeExact(actions);
      ignored = (int) CLOSE.invokeExact(writeFd);
      check(rc, "posix_spawn");
      long total = drain(arena, readFd);
      MemorySegment status = arena.allocate(JAVA_INT);
      ignored = (int) WAITPID.invokeExact(pid.get(JAVA_INT, 0), status, 0);
      if (status.get(JAVA_INT, 0) != 0) {
        throw new IllegalStateException("child exited with wait status " + status.get(JAVA_INT, 0));
      }
      return total;
    }
  }

  private static long drain(Arena arena, int fd) throws Throwable {
    MemorySegment buffer = arena.allocate(4096);
    long total = 0;
    long n;
    while ((n = (long) READ.invokeExact(fd, buffer, 4096L)) > 0) {
      total += n;
    }
    int ignored = (int) CLOSE.invokeExact(fd);
    return total;
  }

  private static void check(int rc, String call) {
    if (rc != 0) {
      throw new IllegalStateException(call + " failed: " + rc);
    }
  }
}
