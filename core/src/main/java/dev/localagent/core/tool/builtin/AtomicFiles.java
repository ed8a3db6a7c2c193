package dev.localagent.core.tool.builtin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
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

  private AtomicFiles() {}

  /** Replaces (or creates) {@code target} with {@code data}; the parent directory must exist. */
  public static void write(Path target, byte[] data) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Set<PosixFilePermission> keep =
        Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? Files.getPosixFilePermissions(target) : null;
    Path temp = Libc.AVAILABLE ? writeUnnamed(dir, target, data) : null;
    if (temp == null) {
      temp = writeNamed(dir, target, data);
    }
    try {
      if (keep != null && !keep.equals(Files.getPosixFilePermissions(temp))) {
        Files.setPosixFilePermissions(temp, keep);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    fsyncDirectory(dir);
  }

  /** The O_TMPFILE path; null when the file system does not support it. */
  private static Path writeUnnamed(Path dir, Path target, byte[] data) throws IOException {
    int fd = Libc.openTmpFile(dir.toString());
    if (fd < 0) {
      return null;
    }
    try {
      check(Libc.writeFully(fd, data), "write", target);
      check(Libc.fsync(fd), "fsync", target);
      while (true) {
        Path temp = tempName(dir, target);
        int rc = Libc.link(fd, temp.toString());
        if (rc != -EEXIST) {
          check(rc, "link", target);
          return temp;
        }
      }
    } finally {
      Libc.close(fd);
    }
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
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static Path tempName(Path dir, Path target) {
    // Hidden and recognisable, in the same directory so the rename cannot cross file systems.
    long random = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
    return dir.resolve("." + target.getFileName() + "." + Long.toString(random, 36) + ".la-tmp");
  }

  private static void check(int rc, String call, Path target) throws IOException {
    if (rc < 0) {
      throw new IOException(call + " failed with errno " + (-rc) + " while writing " + target);
    }
  }
}
