package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolRequest;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The workdir every built-in tool is confined to, and the one place paths from a model are
 * turned into real paths. Refuses {@code ..} segments, absolute paths outside the workdir, and
 * any path whose symlinks (on the file or any parent) resolve outside it, including a file
 * created through a dangling symlink.
 */
public final class Workspace {
  private final Path root;

  /**
   * @throws UncheckedIOException when the workdir does not exist
   */
  public Workspace(Path workdir) {
    try {
      this.root = workdir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("workdir " + workdir + " does not exist", e);
    }
  }

  /** The workdir of a tool call; a missing workdir fails the call. */
  static Workspace of(ToolRequest request) {
    try {
      return new Workspace(request.workdir());
    } catch (UncheckedIOException e) {
      throw new ToolFailure(ToolErrors.NOT_FOUND, "the workdir " + request.workdir() + " does not exist");
    }
  }

  /** The real path of the workdir. */
  public Path root() {
    return root;
  }

  /**
   * A path the workspace confined, and what one lstat of it saw when that was how it was
   * confined: {@code mode} is its st_mode ({@code -ENOENT} for a new file fs.write is to create)
   * and {@code size} its size; {@code mode} is {@link AtomicFiles#MODE_UNKNOWN} when the path
   * was resolved with realpath instead.
   */
  record Resolved(Path path, int mode, long size) {
    static Resolved unlooked(Path path) {
      return new Resolved(path, AtomicFiles.MODE_UNKNOWN, -1);
    }

    boolean known() {
      return mode != AtomicFiles.MODE_UNKNOWN;
    }

    boolean isRegularFile() {
      return known() && mode >= 0 && (mode & Libc.S_IFMT) == Libc.S_IFREG;
    }
  }

  /** An existing file or directory inside the workdir, with all symlinks resolved. */
  Path existing(String userPath) {
    return resolveExisting(userPath).path();
  }

  /**
   * {@link #existing}, with what an lstat saw: a path right in the workdir that is no symlink is
   * its own real path (the workdir's was resolved when this workspace was made), so one lstat
   * confines it where realpath would read every component's link; symlinks, missing paths and
   * deeper paths are resolved with realpath.
   */
  Resolved resolveExisting(String userPath) {
    Path candidate = lexical(userPath);
    if (candidate.equals(root)) {
      return Resolved.unlooked(root); // resolved when this workspace was made (per tool call): no second realpath
    }
    Resolved direct = directlyInside(candidate);
    if (direct != null && direct.mode() >= 0) {
      return direct;
    }
    return Resolved.unlooked(realPathInside(userPath, candidate));
  }

  /**
   * One lstat of {@code candidate} when it names an entry right in the workdir: what it saw, or
   * null when that does not confine it (deeper paths, a symlink, an error other than ENOENT, no
   * statx).
   */
  private Resolved directlyInside(Path candidate) {
    if (!Libc.canLstat() || !root.equals(candidate.getParent())) {
      return null;
    }
    try (FileScratch scratch = FileScratch.take()) {
      int mode = Libc.lstat(scratch, Libc.CWD, candidate.toString());
      if (mode == -Libc.ENOENT || (mode >= 0 && (mode & Libc.S_IFMT) != Libc.S_IFLNK)) {
        return new Resolved(candidate, mode, mode >= 0 ? Libc.statxSize(scratch) : -1);
      }
      return null;
    }
  }

  private Path realPathInside(String userPath, Path candidate) {
    try {
      return inside(userPath, candidate.toRealPath());
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(candidate)) {
        throw escape(userPath, "it is a dangling symlink");
      }
      throw new ToolFailure(ToolErrors.NOT_FOUND, "'" + userPath + "' does not exist");
    } catch (IOException e) {
      throw new ToolFailure(ToolErrors.IO, "cannot resolve '" + userPath + "': " + e.getMessage());
    }
  }

  /**
   * Where a write to {@code userPath} lands: the real path of an existing file, or a new file
   * under a directory that resolves inside the workdir. Parent directories are not created here.
   */
  Resolved forWrite(String userPath) {
    Path candidate = lexical(userPath);
    Resolved direct = directlyInside(candidate);
    if (direct != null) {
      return direct; // an existing non-link entry or a new file right in the workdir
    }
    return Resolved.unlooked(resolveForWrite(userPath, candidate));
  }

  private Path resolveForWrite(String userPath, Path candidate) {
    if (existsWithoutFollowing(candidate)) {
      if (Files.isSymbolicLink(candidate) && !Files.exists(candidate)) {
        throw escape(userPath, "it is a dangling symlink");
      }
      return existing(userPath);
    }
    Path ancestor = candidate.getParent();
    while (ancestor != null && !existsWithoutFollowing(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null) {
      throw escape(userPath, "no parent directory exists");
    }
    if (ancestor.equals(root)) {
      return candidate; // a new file right in the workdir, whose real path this workspace holds
    }
    try {
      Path realAncestor = inside(userPath, ancestor.toRealPath());
      return realAncestor.resolve(ancestor.relativize(candidate));
    } catch (NoSuchFileException e) {
      throw escape(userPath, "a parent directory is a dangling symlink");
    } catch (IOException e) {
      throw new ToolFailure(ToolErrors.IO, "cannot resolve '" + userPath + "': " + e.getMessage());
    }
  }

  /**
   * True when {@code path} exists, a symlink counted as itself. Not {@code Files.exists(path,
   * NOFOLLOW_LINKS)} where libc can be called: that throws and catches an exception, stack trace
   * and all, for every path that does not exist, which is every new file fs.write creates; so does
   * the JDK's readAttributesIfExists without following links.
   */
  private static boolean existsWithoutFollowing(Path path) {
    if (Libc.canLstat()) {
      try (FileScratch scratch = FileScratch.take()) {
        return Libc.lstat(scratch, Libc.CWD, path.toString()) >= 0;
      }
    }
    try {
      return path.getFileSystem().provider()
          .readAttributesIfExists(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS) != null;
    } catch (IOException e) {
      return false; // as Files.exists: e.g. a parent that is not searchable
    }
  }

  /** The path relative to the workdir, with forward slashes, for messages and listings. */
  String display(Path real) {
    String rel = root.relativize(real).toString();
    return rel.isEmpty() ? "." : rel.replace('\\', '/');
  }

  private Path lexical(String userPath) {
    if (userPath == null || userPath.isBlank()) {
      throw Args.bad("path", "must not be empty");
    }
    if (userPath.indexOf('\0') >= 0) {
      throw Args.bad("path", "must not contain NUL characters");
    }
    if (userPath.indexOf('/') < 0 && !userPath.equals(".") && !userPath.equals("..")) {
      return root.resolve(userPath); // one plain name: already normal, and inside
    }
    Path given = Path.of(userPath);
    for (Path segment : given) {
      if (segment.toString().equals("..")) {
        throw escape(userPath, "'..' segments are not allowed");
      }
    }
    Path candidate = root.resolve(given).normalize();
    if (!candidate.startsWith(root)) {
      throw escape(userPath, "it is outside the workdir " + root);
    }
    return candidate;
  }

  private Path inside(String userPath, Path real) {
    if (!real.startsWith(root)) {
      throw escape(userPath, "it resolves through a symlink to " + real + ", outside the workdir");
    }
    return real;
  }

  private static ToolFailure escape(String userPath, String why) {
    return new ToolFailure(
        ToolErrors.OUTSIDE_WORKDIR,
        "path '" + userPath + "' refused: " + why + "; use a path inside the workdir");
  }
}
