package dev.localagent.core.tool.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small text-file checks shared by the fs tools. */
final class TextFiles {
  /** How much of a file's head is checked for NUL bytes. */
  static final int SNIFF_BYTES = 8192;

  private TextFiles() {}

  /** True when the first 8 KiB contain a NUL byte, as git and ripgrep decide it. */
  static boolean isBinary(Path file) throws IOException {
    byte[] head = new byte[SNIFF_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, SNIFF_BYTES);
    }
    for (int i = 0; i < n; i++) {
      if (head[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
