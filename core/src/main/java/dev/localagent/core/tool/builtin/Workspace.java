package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolRequest;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
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

  /** An existing file or directory inside the workdir, with all symlinks resolved. */
  Path existing(String userPath) {
    Path candidate = lexical(userPath);
    if (candidate.equals(root)) {
      return root; // resolved when this workspace was made (per tool call): no second realpath
    }
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
  Path forWrite(String userPath) {
    Path candidate = lexical(userPath);
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
      try (Arena arena = Arena.ofConfined()) {
        return Libc.lstatMode(arena, Libc.newCallState(arena), path.toString()) >= 0;
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
