package dev.localagent.core.tool.builtin;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a command with glibc's posix_spawn through the FFM API: one exec, in a new session
 * (POSIX_SPAWN_SETSID, so its pid is its process-group id), with signal mask and dispositions
 * reset, stdin from /dev/null, stdout/stderr on pipes, the working directory set and every other
 * descriptor closed. It replaces ProcessBuilder's jspawnhelper exec plus a {@code setsid}
 * exec: about twice the commands per second (docs/CAPACITY.md). {@link #AVAILABLE} is false
 * where glibc lacks addchdir_np/addclosefrom_np; shell.exec then uses ProcessBuilder.
 */
final class NativeSpawn {
  static final boolean AVAILABLE;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 02000000;
  private static final short SETSIGDEF = 0x04;
  private static final short SETSIGMASK = 0x08;
  private static final short SETSID = 0x80;
  private static final int ATTR_BYTES = 1024; // glibc: 336
  private static final int SIGSET_BYTES = 128;

  private static MethodHandle pipe2;
  private static MethodHandle actionsInit;
  private static MethodHandle actionsDestroy;
  private static MethodHandle addOpen;
  private static MethodHandle addDup2;
  private static MethodHandle addChdir;
  private static MethodHandle addCloseFrom;
  private static MethodHandle attrInit;
  private static MemorySegment spawnAttributes;
  private static MemorySegment devNull;
  private static MethodHandle setFlags;
  private static MethodHandle setSigMask;
  private static MethodHandle setSigDefault;
  private static MethodHandle sigEmptySet;
  private static MethodHandle sigFillSet;
  private static MethodHandle spawn;
  private static MethodHandle pidfdOpen;
  private static MethodHandle poll;

  static {
    boolean ok = Libc.AVAILABLE;
    if (ok) {
      try {
        bind();
        spawnAttributes = buildAttributes();
        devNull = Arena.global().allocateFrom("/dev/null");
      } catch (Throwable e) { // e.g. a symbol or native access missing
        ok = false; // an older libc: ProcessBuilder still works
      }
    }
    AVAILABLE = ok;
  }

  private NativeSpawn() {}

  private static void bind() {
    Linker linker = Linker.nativeLinker();
    SymbolLookup libc = linker.defaultLookup();
    var p = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    pipe2 = h(linker, libc, "pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    actionsInit = h(linker, libc, "posix_spawn_file_actions_init", p);
    actionsDestroy = h(linker, libc, "posix_spawn_file_actions_destroy", p);
    addOpen = h(linker, libc, "posix_spawn_file_actions_addopen",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    addDup2 = h(linker, libc, "posix_spawn_file_actions_adddup2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    addChdir = h(linker, libc, "posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    addCloseFrom = h(linker, libc, "posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    attrInit = h(linker, libc, "posix_spawnattr_init", p);
    setFlags = h(linker, libc, "posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    setSigMask = h(linker, libc, "posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    setSigDefault = h(linker, libc, "posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    sigEmptySet = h(linker, libc, "sigemptyset", p);
    sigFillSet = h(linker, libc, "sigfillset", p);
    pidfdOpen = h(linker, libc, "pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    poll = h(linker, libc, "poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    spawn = h(linker, libc, "posix_spawn",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
  }

  private static MethodHandle h(Linker linker, SymbolLookup libc, String name, FunctionDescriptor descriptor) {
    return linker.downcallHandle(libc.find(name).orElseThrow(), descriptor);
  }

  /** A started child: its pid (also its process-group id) and the read ends of its stdout and stderr. */
  record Started(long pid, int stdoutFd, int stderrFd) {}

  /**
   * Starts {@code argv} (program as an absolute path) in {@code cwd} with exactly the variables
   * of {@code env}. The spawn attributes and the environment block are built once; the pipes,
   * the file actions and argv live in {@code scratch}, so a call allocates no native memory.
   *
   * @throws IOException when the program cannot be executed, with the errno's meaning
   */
  static Started start(List<String> argv, ChildEnvironment env, Path cwd, NativeScratch scratch) throws IOException {
    String dir = cwd.toString();
    Arena overflow = scratch.fits(argv, dir) ? null : Arena.ofConfined(); // a very long command line
    try {
      MemorySegment pipes = scratch.pipes;
      pipe(pipes, 0);
      try {
        pipe(pipes, 8);
      } catch (IOException e) {
        Libc.close(pipes.get(JAVA_INT, 0));
        Libc.close(pipes.get(JAVA_INT, 4));
        throw e;
      }
      int outRead = pipes.get(JAVA_INT, 0);
      int outWrite = pipes.get(JAVA_INT, 4);
      int errRead = pipes.get(JAVA_INT, 8);
      int errWrite = pipes.get(JAVA_INT, 12);
      MemorySegment actions = scratch.fileActions;
      int rc;
      try {
        check((int) actionsInit.invokeExact(actions), "file_actions_init");
        try {
          MemorySegment args = scratch.strings(argv, dir, overflow);
          fileActions(actions, outWrite, errWrite, args.getAtIndex(ADDRESS, argv.size() + 1L));
          rc = (int) spawn.invokeExact(scratch.pid, args.getAtIndex(ADDRESS, 0), actions, spawnAttributes, args,
              env.envp());
        } finally {
          int ignored = (int) actionsDestroy.invokeExact(actions);
        }
      } finally {
        Libc.close(outWrite);
        Libc.close(errWrite);
      }
      if (rc != 0) {
        Libc.close(outRead);
        Libc.close(errRead);
        throw new IOException("error=" + rc + ", " + Libc.describe(rc));
      }
      return new Started(scratch.pid.get(JAVA_INT, 0), outRead, errRead);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("posix_spawn failed to call", t);
    } finally {
      if (overflow != null) {
        overflow.close();
      }
    }
  }

  /** A NULL-terminated {@code char *[]} of {@code values}, allocated in {@code arena}. */
  static MemorySegment strings(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }

  /** A descriptor that becomes readable when {@code pid} exits, or a negative value. */
  static int pidfd(long pid) {
    try {
      return (int) pidfdOpen.invokeExact((int) pid, 0);
    } catch (Throwable t) {
      throw new IllegalStateException("pidfd_open failed to call", t);
    }
  }

  /** poll(2) on {@code count} struct pollfd entries; returns the ready count, or negative. */
  static int poll(MemorySegment fds, int count, int timeoutMillis) {
    try {
      return (int) poll.invokeExact(fds, (long) count, timeoutMillis);
    } catch (Throwable t) {
      throw new IllegalStateException("poll failed to call", t);
    }
  }

  private static void fileActions(MemorySegment actions, int out, int err, MemorySegment cwd) throws Throwable {
    check((int) addOpen.invokeExact(actions, 0, devNull, O_RDONLY, 0), "addopen");
    check((int) addDup2.invokeExact(actions, out, 1), "adddup2");
    check((int) addDup2.invokeExact(actions, err, 2), "adddup2");
    check((int) addChdir.invokeExact(actions, cwd), "addchdir_np");
    // The JVM has descriptors without close-on-exec; the command must not inherit them.
    check((int) addCloseFrom.invokeExact(actions, 3), "addclosefrom_np");
  }

  /** The spawn attributes every command gets; posix_spawn only reads them, so one copy serves all threads. */
  private static MemorySegment buildAttributes() throws Throwable {
    Arena global = Arena.global();
    MemorySegment attr = global.allocate(ATTR_BYTES);
    MemorySegment none = global.allocate(SIGSET_BYTES);
    MemorySegment all = global.allocate(SIGSET_BYTES);
    check((int) attrInit.invokeExact(attr), "spawnattr_init");
    check((int) sigEmptySet.invokeExact(none), "sigemptyset");
    check((int) sigFillSet.invokeExact(all), "sigfillset");
    check((int) setSigMask.invokeExact(attr, none), "setsigmask");
    check((int) setSigDefault.invokeExact(attr, all), "setsigdefault");
    check((int) setFlags.invokeExact(attr, (short) (SETSID | SETSIGMASK | SETSIGDEF)), "setflags");
    return attr;
  }

  /** A close-on-exec pipe; its read and write ends go to {@code fds} at {@code offset} and {@code offset + 4}. */
  private static void pipe(MemorySegment fds, long offset) throws Throwable {
    if ((int) pipe2.invokeExact(fds.asSlice(offset, 8), O_CLOEXEC) != 0) {
      throw new IOException("pipe2 failed");
    }
  }

  private static void check(int rc, String call) {
    if (rc != 0) {
      throw new IllegalStateException(call + " failed with " + rc);
    }
  }
}
