package dev.localagent.core.tool.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The .gitignore rules in force while walking a tree, using JGit's matcher (the same rules git
 * applies: negation, anchoring, directory-only patterns, {@code **}). Each directory's
 * .gitignore applies to its subtree; deeper files win. {@code .git} itself is always ignored.
 * Not thread-safe: one instance per walk.
 */
final class GitIgnore {
  private record Level(Path dir, IgnoreNode rules) {}

  private final Deque<Level> levels = new ArrayDeque<>();

  /** Call when the walk enters {@code dir}, before asking about its entries. */
  void enter(Path dir) throws IOException {
    Path file = dir.resolve(".gitignore");
    IgnoreNode node = new IgnoreNode();
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        node.parse(in);
      }
    }
    Path exclude = dir.resolve(".git/info/exclude");
    if (levels.isEmpty() && Files.isRegularFile(exclude)) {
      try (InputStream in = Files.newInputStream(exclude)) {
        node.parse(in);
      }
    }
    levels.push(new Level(dir, node));
  }

  /** Call when the walk leaves the directory last entered. */
  void leave() {
    levels.pop();
  }

  boolean isIgnored(Path path, boolean directory) {
    if (directory && path.getFileName() != null && path.getFileName().toString().equals(".git")) {
      return true;
    }
    for (Iterator<Level> it = levels.iterator(); it.hasNext(); ) {
      Level level = it.next();
      if (!path.startsWith(level.dir()) || level.rules().getRules().isEmpty()) {
        continue;
      }
      String relative = level.dir().relativize(path).toString().replace('\\', '/');
      Boolean ignored = level.rules().checkIgnored(relative, directory);
      if (ignored != null) {
        return ignored;
      }
    }
    return false;
  }
}
