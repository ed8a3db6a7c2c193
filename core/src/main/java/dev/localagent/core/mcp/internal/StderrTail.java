package dev.localagent.core.mcp.internal;

import java.util.ArrayDeque;

/** The last few lines a server wrote to stderr: enough to explain why it failed to start. */
final class StderrTail {
  private static final int MAX_LINE = 500;
  private final int lines;
  private final ArrayDeque<String> tail = new ArrayDeque<>(); // Guarded by this.

  StderrTail(int lines) {
    this.lines = lines;
  }

  synchronized void add(String line) {
    if (tail.size() == lines) {
      tail.removeFirst();
    }
    tail.addLast(line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "...");
  }

  synchronized String text() {
    return String.join("\n", tail);
  }
}
