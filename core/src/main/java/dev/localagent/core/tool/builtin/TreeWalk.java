package dev.localagent.core.tool.builtin;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Walks a directory tree inside the workdir for fs.glob and fs.search: never follows symlinks
 * (so it cannot leave the workdir), skips what .gitignore excludes, and stops when the visitor
 * says it has enough.
 */
final class TreeWalk {
  /** Receives each regular file; returns false to stop the walk. */
  @FunctionalInterface
  interface FileVisitor {
    boolean visit(Path file, BasicFileAttributes attributes) throws IOException;
  }

  private TreeWalk() {}

  static void walk(Path base, boolean respectGitIgnore, FileVisitor visitor) throws IOException {
    var ignore = new GitIgnore();
    Files.walkFileTree(base, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(base) && respectGitIgnore && ignore.isIgnored(dir, true)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        ignore.enter(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile() || (respectGitIgnore && ignore.isIgnored(file, false))) {
          return FileVisitResult.CONTINUE;
        }
        return visitor.visit(file, attrs) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        return FileVisitResult.CONTINUE; // unreadable entries are skipped, not fatal
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
        ignore.leave();
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
