package dev.localagent.core.tool.builtin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Durable, atomic replacement of a file's content: a reader (or a crash at any instant) sees the
 * old content or the new, never a mix. The data goes to a temp file in the target's directory,
 * is fsynced, renamed over the target, and the directory is fsynced so the rename survives a
 * power cut. On Linux the temp file is created unnamed (O_TMPFILE) and only linked once it is
 * complete, so a process killed mid-write leaves no temp file behind.
 */
public final class AtomicFiles {
  private static final int EEXIST = 17;
  private static final int NEW_FILE_MODE = 0644; // rw-r--r--, less the umask
  /** This process's umask (no JDK call reads it, and nothing here changes it), or -1 if unknown. */
  private static final int UMASK = readUmask();

  private AtomicFiles() {}

  /**
   * What {@link #write(Path, byte[], int)} takes when the caller has not just looked at the
   * target: it then makes the lstat itself.
   */
  static final int MODE_UNKNOWN = Integer.MIN_VALUE;

  /** Replaces (or creates) {@code target} with {@code data}; the parent directory must exist. */
  public static void write(Path target, byte[] data) throws IOException {
    write(target, data, MODE_UNKNOWN);
  }

  /**
   * {@link #write(Path, byte[])} when the caller has just made the target's lstat: {@code mode} is
   * its st_mode, {@code -ENOENT} when nothing is there, or {@link #MODE_UNKNOWN}.
   */
  static void write(Path target, byte[] data, int mode) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Libc.AVAILABLE && writeNative(dir, absolute, data, mode)) {
      return;
    }
    Set<PosixFilePermission> keep = permissionsOfRegularFile(target); // one lstat
    Path temp = writeNamed(dir, target, data);
    if (keep != null && !keep.equals(Files.getPosixFilePermissions(temp))) {
      setPermissions(temp, keep);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    fsyncDirectory(dir);
  }

  /**
   * The whole durable replace relative to the directory, opened once: lstat of the target (unless
   * {@code knownMode} says), O_TMPFILE, write, fsync, link, rename, fsync of the directory. Every
   * call after the directory's open names one component, so the kernel walks the directory's path
   * once (it walked it six times when each call took a whole path), and the temp file, its link,
   * the rename and the fsync all happen in the same directory even if its path is changed
   * meanwhile. False, before anything was written, when the directory cannot be opened or has no
   * O_TMPFILE: the caller then takes the portable path, which reports errors as the JDK does.
   */
  private static boolean writeNative(Path dir, Path target, byte[] data, int knownMode) throws IOException {
    String name = target.getFileName().toString();
    try (FileScratch scratch = FileScratch.take()) {
      int dirfd = Libc.openDirectory(scratch, dir.toString());
      if (dirfd < 0) {
        return false;
      }
      try {
        int mode = knownMode != MODE_UNKNOWN ? knownMode
            : Libc.canLstat() ? Libc.lstat(scratch, dirfd, name)
            : modeOfRegularFile(permissionsOfRegularFile(target));
        if (mode < 0 && mode != -Libc.ENOENT) {
          return false;
        }
        boolean keep = mode >= 0 && (mode & Libc.S_IFMT) == Libc.S_IFREG;
        int permissions = keep ? mode & 0777 : NEW_FILE_MODE;
        int fd = Libc.openTmpFileIn(scratch, dirfd, permissions);
        if (fd < 0) {
          return false;
        }
        String temp;
        try {
          if (keep && (UMASK < 0 || (permissions & UMASK) != 0)) {
            check(Libc.fchmod(scratch.state, fd, permissions), "fchmod", target); // the umask took bits the old file had
          }
          check(Libc.writeFully(scratch, fd, data), "write", target);
          check(Libc.fsync(scratch, fd), "fsync", target);
          temp = linkUnnamed(scratch, fd, dirfd, name, target);
        } finally {
          Libc.close(fd);
        }
        int rc = Libc.renameIn(scratch, dirfd, temp, name);
        if (rc < 0) {
          Files.deleteIfExists(dir.resolve(temp));
          check(rc, "rename", target);
        }
        check(Libc.fsync(scratch, dirfd), "fsync", dir);
        return true;
      } finally {
        Libc.close(dirfd);
      }
    }
  }

  /** Links the finished unnamed file under a fresh hidden name in the directory; the name. */
  private static String linkUnnamed(FileScratch scratch, int fd, int dirfd, String name, Path target)
      throws IOException {
    while (true) {
      String temp = tempName(name);
      int rc = Libc.linkUnnamed(scratch, fd, dirfd, temp);
      if (rc != -EEXIST) {
        check(rc, "link", target);
        return temp;
      }
    }
  }

  private static int modeOfRegularFile(Set<PosixFilePermission> permissions) {
    return permissions == null ? -Libc.ENOENT : Libc.S_IFREG | mode(permissions);
  }

  /** The permissions of {@code target} when it is a regular file (not through a symlink), else null. */
  private static Set<PosixFilePermission> permissionsOfRegularFile(Path target) throws IOException {
    if (Libc.canLstat()) {
      // Through libc: for a new file (the common case) the JDK would throw and catch an exception.
      try (FileScratch scratch = FileScratch.take()) {
        int mode = Libc.lstat(scratch, Libc.CWD, target.toString());
        if (mode == -Libc.ENOENT) {
          return null;
        }
        if (mode >= 0) {
          return (mode & Libc.S_IFMT) == Libc.S_IFREG ? permissions(mode) : null;
        }
        // any other error: the JDK call below reports it as the right IOException
      }
    }
    try {
      PosixFileAttributes attributes = Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? attributes.permissions() : null;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    var permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (0400 >> p.ordinal())) != 0) { // declared in rwxrwxrwx order, as in mode() below
        permissions.add(p);
      }
    }
    return permissions;
  }

  private static void setPermissions(Path temp, Set<PosixFilePermission> keep) throws IOException {
    try {
      Files.setPosixFilePermissions(temp, keep);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  private static int readUmask() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an old kernel: set the permissions explicitly every time.
    }
    return -1;
  }

  private static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 0400 >> p.ordinal(); // OWNER_READ .. OTHERS_EXECUTE are declared in rwxrwxrwx order
    }
    return mode;
  }

  private static Path writeNamed(Path dir, Path target, byte[] data) throws IOException {
    Path temp = tempName(dir, target);
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
      return temp;
    } catch (FileAlreadyExistsException e) {
      return writeNamed(dir, target, data);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** Makes a rename or create in {@code dir} durable. */
  public static void fsyncDirectory(Path dir) throws IOException {
    if (Libc.AVAILABLE) {
      try (FileScratch scratch = FileScratch.take()) {
        int fd = Libc.openDirectory(scratch, dir.toString());
        if (fd >= 0) {
          try {
            check(Libc.fsync(scratch, fd), "fsync", dir);
          } finally {
            Libc.close(fd);
          }
          return;
        }
      }
    }
    fsyncDirectoryPortably(dir);
  }

  private static void fsyncDirectoryPortably(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static Path tempName(Path dir, Path target) {
    return dir.resolve(tempName(target.getFileName().toString()));
  }

  private static String tempName(String name) {
    // Hidden and recognisable, in the same directory so the rename cannot cross file systems.
    long random = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
    return "." + name + "." + Long.toString(random, 36) + ".la-tmp";
  }

  private static void check(int rc, String call, Path target) throws IOException {
    if (rc < 0) {
      throw new IOException(call + " failed with errno " + (-rc) + " while writing " + target);
    }
  }
}
