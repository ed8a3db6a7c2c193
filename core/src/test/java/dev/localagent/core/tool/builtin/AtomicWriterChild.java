package dev.localagent.core.tool.builtin;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link AtomicFilesCrashTest}: rewrites one large file forever with
 * alternating content, printing a line before each write so the parent can kill it mid-write.
 */
public final class AtomicWriterChild {
  private AtomicWriterChild() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    byte[] a = new byte[size];
    byte[] b = new byte[size];
    Arrays.fill(a, (byte) 'a');
    Arrays.fill(b, (byte) 'b');
    for (long i = 0; ; i++) {
      System.out.println("writing " + i);
      System.out.flush();
      AtomicFiles.write(target, i % 2 == 0 ? a : b);
    }
  }
}
