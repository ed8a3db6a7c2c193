package dev.localagent.core.tool.builtin;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few Linux system calls the JDK does not expose, through the FFM API: an unnamed temp file
 * (O_TMPFILE) that only gets a name once it is complete, calls relative to an open directory,
 * open without following a symlink, statx without an exception for a missing path, and killing a
 * whole process group. {@link #AVAILABLE} is false off Linux/x86-64/aarch64; callers then use
 * portable fallbacks.
 */
final class Libc {
  static final boolean AVAILABLE;
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  /** What {@link #waitpidNoHang} returns for a child that has not exited; no wait status is negative. */
  static final int STILL_RUNNING = Integer.MIN_VALUE;
  private static final int WNOHANG = 1;
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_DIRECTORY_X86 = 0200000;
  private static final int O_DIRECTORY_ARM = 040000;
  private static final int O_CLOEXEC = 02000000;
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_FOLLOW = 0x400;
  private static final int O_TMPFILE_X86 = 020200000;
  private static final int O_TMPFILE_ARM = 020040000;

  private static final int O_TMPFILE;
  private static final int O_DIRECTORY;
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));
  private static MethodHandle write;
  private static MethodHandle fsync;
  private static MethodHandle fchmod;
  private static MethodHandle close;
  private static MethodHandle linkat;
  private static MethodHandle kill;
  private static MethodHandle read;
  private static MethodHandle waitpid;
  private static MethodHandle strerror;
  private static MethodHandle statx;
  private static MethodHandle openat;
  private static MethodHandle renameat;
  private static final int AT_EMPTY_PATH = 0x1000;
  private static final int O_NOFOLLOW = 0400000;
  private static final int O_NONBLOCK = 04000;
  private static final int STATX_TYPE_MODE_SIZE = 0x203; // STATX_TYPE | STATX_MODE | STATX_SIZE
  private static final long STATX_SIZE_OFFSET = 40; // __u64 stx_size
  static final int S_IFDIR = 0040000;
  static final int S_IFLNK = 0120000;
  static final int ELOOP = 40;
  /** False once linkat(AT_EMPTY_PATH) was refused and the /proc/self/fd path worked (kernels before 6.10). */
  private static volatile boolean linkByDescriptor = true;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final long STATX_MODE_OFFSET = 28; // __u16 stx_mode
  static final int S_IFMT = 0170000;
  static final int S_IFREG = 0100000;
  static final int ENOENT = 2;
  static final int ENOTDIR = 20;

  static {
    String arch = System.getProperty("os.arch");
    boolean linux = System.getProperty("os.name").equals("Linux");
    O_TMPFILE = arch.equals("aarch64") ? O_TMPFILE_ARM : O_TMPFILE_X86;
    O_DIRECTORY = arch.equals("aarch64") ? O_DIRECTORY_ARM : O_DIRECTORY_X86;
    boolean ok = linux && (arch.equals("amd64") || arch.equals("aarch64"));
    if (ok) {
      try {
        bind();
      } catch (RuntimeException | LinkageError e) {
        ok = false; // e.g. native access disabled: the portable paths still work
      }
    }
    AVAILABLE = ok;
  }

  private Libc() {}

  private static void bind() {
    Linker linker = Linker.nativeLinker();
    SymbolLookup libc = linker.defaultLookup();
    var errno = Linker.Option.captureCallState("errno");
    write = linker.downcallHandle(libc.find("write").orElseThrow(),
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), errno);
    fsync = linker.downcallHandle(libc.find("fsync").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
    fchmod = linker.downcallHandle(libc.find("fchmod").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno);
    close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    linkat = linker.downcallHandle(libc.find("linkat").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT), errno);
    kill = linker.downcallHandle(libc.find("kill").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno);
    read = linker.downcallHandle(libc.find("read").orElseThrow(),
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), errno);
    waitpid = linker.downcallHandle(libc.find("waitpid").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
    strerror = linker.downcallHandle(libc.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    openat = linker.downcallHandle(libc.find("openat").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), errno,
        Linker.Option.firstVariadicArg(3));
    renameat = linker.downcallHandle(libc.find("renameat").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), errno);
    // Optional (glibc 2.28+): without it callers use the JDK's attribute reads.
    statx = libc.find("statx").map(symbol -> linker.downcallHandle(symbol,
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), errno)).orElse(null);
  }

  /*
   * The file calls below take the caller's arena (for paths and data) and errno cell (from
   * newCallState), so a durable write makes one arena for all of its calls, not one per call.
   */

  /** True when {@link #lstat} can be called (libc has statx). */
  static boolean canLstat() {
    return AVAILABLE && statx != null;
  }

  /*
   * Calls relative to an open directory, with their memory from a pooled FileScratch: the durable
   * write resolves the directory's path once and names everything else by one component, and the
   * small-file read opens the file without following a symlink that was swapped in after the check.
   */

  /** Opens directory {@code dir} (O_RDONLY, for fsync and the *at calls); the fd or -errno. */
  static int openDirectory(FileScratch scratch, String dir) {
    return openat(scratch.state, AT_FDCWD, scratch.cString(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  }

  /** An unnamed file in the directory open as {@code dirfd}, created with {@code mode} less the umask; or -errno. */
  static int openTmpFileIn(FileScratch scratch, int dirfd, int mode) {
    return openat(scratch.state, dirfd, scratch.cString("."), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
  }

  /**
   * Opens {@code path} for reading unless its last component is a symlink (-ELOOP then) or it would
   * block (a FIFO); the fd or -errno.
   */
  static int openNoFollow(FileScratch scratch, String path) {
    return openat(scratch.state, AT_FDCWD, scratch.cString(path), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  }

  private static int openat(MemorySegment state, int dirfd, MemorySegment path, int flags, int mode) {
    try {
      int fd = (int) openat.invokeExact(state, dirfd, path, flags, mode);
      return fd >= 0 ? fd : -errno(state);
    } catch (Throwable t) {
      throw new IllegalStateException("openat failed to call", t);
    }
  }

  /**
   * lstat of {@code path} (relative to {@code dirfd}, or absolute with {@link #CWD}): its st_mode,
   * with its size left in the scratch ({@link FileScratch#statxSize}); or -errno. Only when
   * {@link #canLstat}.
   */
  static int lstat(FileScratch scratch, int dirfd, String path) {
    try {
      int rc = (int) statx.invokeExact(scratch.state, dirfd, scratch.cString(path), AT_SYMLINK_NOFOLLOW,
          STATX_TYPE_MODE_SIZE, scratch.statx);
      return rc == 0 ? Short.toUnsignedInt(scratch.statx.get(JAVA_SHORT, STATX_MODE_OFFSET)) : -errno(scratch.state);
    } catch (Throwable t) {
      throw new IllegalStateException("statx failed to call", t);
    }
  }

  /** The size the last {@link #lstat(FileScratch, int, String)} into this scratch saw. */
  static long statxSize(FileScratch scratch) {
    return scratch.statx.get(JAVA_LONG, STATX_SIZE_OFFSET);
  }

  /** The directory argument that makes the *at calls take a path as open(2) does. */
  static final int CWD = AT_FDCWD;

  /** Writes all of {@code data} to {@code fd} through the scratch's buffer; returns 0 or -errno. */
  static int writeFully(FileScratch scratch, int fd, byte[] data) {
    MemorySegment buffer = scratch.buffer;
    try {
      for (int off = 0; off < data.length; ) {
        int chunk = (int) Math.min(buffer.byteSize(), data.length - off);
        MemorySegment.copy(data, off, buffer, JAVA_BYTE, 0, chunk);
        int done = 0;
        while (done < chunk) {
          long n = (long) write.invokeExact(scratch.state, fd, buffer.asSlice(done), (long) chunk - done);
          if (n < 0) {
            int err = errno(scratch.state);
            if (err != EINTR) {
              return -err;
            }
          } else {
            done += (int) n;
          }
        }
        off += chunk;
      }
      return 0;
    } catch (Throwable t) {
      throw new IllegalStateException("write failed to call", t);
    }
  }

  /**
   * Reads {@code fd} to EOF into {@code into}, at most its length; returns the count (equal to the
   * length when more may follow) or -errno.
   */
  static int readUpTo(FileScratch scratch, int fd, byte[] into) {
    MemorySegment buffer = scratch.buffer;
    int got = 0;
    while (got < into.length) {
      long n = read(fd, buffer.asSlice(0, Math.min(buffer.byteSize(), into.length - got)), scratch.state);
      if (n == 0) {
        break;
      }
      if (n < 0) {
        if (n == -EINTR) {
          continue;
        }
        return (int) n;
      }
      MemorySegment.copy(buffer, JAVA_BYTE, 0, into, got, (int) n);
      got += (int) n;
    }
    return got;
  }

  static int fsync(FileScratch scratch, int fd) {
    return fsync(scratch.state, fd);
  }

  /**
   * Gives the unnamed file {@code fd} the name {@code name} in directory {@code dirfd}; returns 0
   * or -errno. linkat(AT_EMPTY_PATH) needs no /proc walk; kernels before 6.10 allow it only with
   * CAP_DAC_READ_SEARCH, so on ENOENT the /proc/self/fd path is tried and, if it works, used from
   * then on.
   */
  static int linkUnnamed(FileScratch scratch, int fd, int dirfd, String name) {
    MemorySegment to = scratch.cString(name);
    if (linkByDescriptor) {
      int rc = linkat(scratch.state, fd, scratch.cString(""), dirfd, to, AT_EMPTY_PATH);
      if (rc != -ENOENT) {
        return rc;
      }
    }
    int rc = linkThroughProc(scratch, fd, dirfd, to);
    if (rc == 0 && linkByDescriptor) {
      linkByDescriptor = false;
    }
    return rc;
  }

  /** {@link #linkUnnamed} the pre-6.10 way, through the descriptor's /proc/self/fd link. */
  static int linkThroughProc(FileScratch scratch, int fd, int dirfd, String name) {
    return linkThroughProc(scratch, fd, dirfd, scratch.cString(name));
  }

  private static int linkThroughProc(FileScratch scratch, int fd, int dirfd, MemorySegment to) {
    return linkat(scratch.state, AT_FDCWD, scratch.cString("/proc/self/fd/" + fd), dirfd, to, AT_SYMLINK_FOLLOW);
  }

  private static int linkat(MemorySegment state, int fromDir, MemorySegment from, int toDir, MemorySegment to, int flags) {
    try {
      int rc = (int) linkat.invokeExact(state, fromDir, from, toDir, to, flags);
      return rc == 0 ? 0 : -errno(state);
    } catch (Throwable t) {
      throw new IllegalStateException("linkat failed to call", t);
    }
  }

  /** renameat(2) within directory {@code dirfd}: atomically replaces {@code to} with {@code from}; 0 or -errno. */
  static int renameIn(FileScratch scratch, int dirfd, String from, String to) {
    try {
      int rc = (int) renameat.invokeExact(scratch.state, dirfd, scratch.cString(from), dirfd, scratch.cString(to));
      return rc == 0 ? 0 : -errno(scratch.state);
    } catch (Throwable t) {
      throw new IllegalStateException("renameat failed to call", t);
    }
  }

  /** Sets the permission bits of open file {@code fd} exactly (no umask); returns 0 or -errno. */
  static int fchmod(MemorySegment state, int fd, int mode) {
    try {
      int rc = (int) fchmod.invokeExact(state, fd, mode);
      return rc == 0 ? 0 : -errno(state);
    } catch (Throwable t) {
      throw new IllegalStateException("fchmod failed to call", t);
    }
  }

  static int fsync(MemorySegment state, int fd) {
    try {
      int rc = (int) fsync.invokeExact(state, fd);
      return rc == 0 ? 0 : -errno(state);
    } catch (Throwable t) {
      throw new IllegalStateException("fsync failed to call", t);
    }
  }

  static void close(int fd) {
    try {
      int ignored = (int) close.invokeExact(fd);
    } catch (Throwable t) {
      throw new IllegalStateException("close failed to call", t);
    }
  }

  /** Reads up to {@code len} bytes into {@code b} at {@code off}; returns the count, 0 at EOF, or -errno. */
  static long read(int fd, byte[] b, int off, int len) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      MemorySegment buffer = arena.allocate(len);
      while (true) {
        long n = (long) read.invokeExact(state, fd, buffer, (long) len);
        if (n > 0) {
          MemorySegment.copy(buffer, JAVA_BYTE, 0, b, off, (int) n);
        }
        if (n >= 0 || errno(state) != 4) { // retry on EINTR
          return n >= 0 ? n : -errno(state);
        }
      }
    } catch (Throwable t) {
      throw new IllegalStateException("read failed to call", t);
    }
  }

  /**
   * read(2) into native memory, for loops that read many times: {@code state} is a segment from
   * {@link #newCallState}. Returns the count, 0 at EOF, or -errno (EINTR and EAGAIN included).
   */
  static long read(int fd, MemorySegment buffer, MemorySegment state) {
    try {
      long n = (long) read.invokeExact(state, fd, buffer, buffer.byteSize());
      return n >= 0 ? n : -errno(state);
    } catch (Throwable t) {
      throw new IllegalStateException("read failed to call", t);
    }
  }

  /** Room for the errno a call leaves behind, for {@link #read(int, MemorySegment, MemorySegment)}. */
  static MemorySegment newCallState(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  /** Reaps child {@code pid}, waiting for it; returns its raw wait status, or -errno. */
  static int waitpid(long pid) {
    return waitpid(pid, 0);
  }

  /** Reaps child {@code pid} if it has exited; its raw wait status, {@link #STILL_RUNNING}, or -errno. */
  static int waitpidNoHang(long pid) {
    return waitpid(pid, WNOHANG);
  }

  private static int waitpid(long pid, int options) {
    try (Arena arena = Arena.ofConfined()) {
      return waitpid(pid, options, arena.allocate(JAVA_INT), arena.allocate(CAPTURE));
    }
  }

  /**
   * Waits for child {@code pid} and reaps it, using the caller's native cells ({@code state} from
   * {@link #newCallState}); its raw wait status, or -errno.
   */
  static int waitpid(long pid, MemorySegment status, MemorySegment state) {
    return waitpid(pid, 0, status, state);
  }

  private static int waitpid(long pid, int options, MemorySegment status, MemorySegment state) {
    try {
      while (true) {
        int rc = (int) waitpid.invokeExact(state, (int) pid, status, options);
        if (rc == 0) {
          return STILL_RUNNING; // only with WNOHANG
        }
        if (rc > 0 || errno(state) != EINTR) {
          return rc > 0 ? status.get(JAVA_INT, 0) : -errno(state);
        }
      }
    } catch (Throwable t) {
      throw new IllegalStateException("waitpid failed to call", t);
    }
  }

  /** The C library's text for an errno value. */
  static String describe(int errno) {
    try {
      MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
      return text.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  /** Sends {@code signal} to one process; returns 0 or -errno. */
  static int kill(long pid, int signal) {
    return killGroup(-pid, signal);
  }

  /** Sends {@code signal} to every process in group {@code pgid}; returns 0 or -errno. */
  static int killGroup(long pgid, int signal) {
    try (Arena arena = Arena.ofConfined()) {
      return killGroup(pgid, signal, arena.allocate(CAPTURE));
    }
  }

  /** {@link #killGroup(long, int)} with the caller's errno cell ({@link #newCallState}). */
  static int killGroup(long pgid, int signal, MemorySegment state) {
    try {
      int rc = (int) kill.invokeExact(state, (int) -pgid, signal);
      return rc == 0 ? 0 : -errno(state);
    } catch (Throwable t) {
      throw new IllegalStateException("kill failed to call", t);
    }
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }
}
