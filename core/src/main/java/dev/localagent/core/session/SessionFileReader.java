package dev.localagent.core.session;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.error.LocalAgentException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a session file and tells which prefix of it is valid. A last line without its newline, or
 * that does not parse, is a torn write from a killed process and is reported for dropping; a
 * damaged line before it, or a seq out of order, is corruption and an error.
 */
final class SessionFileReader {
  private SessionFileReader() {}

  /** What a read found: the events, the byte length they occupy, and how many bytes were torn. */
  record Loaded(List<SessionEvent> events, long validLength, long tornBytesDropped) {}

  static Loaded read(String sessionId, Path file, RandomAccessFile raf) throws IOException {
    long length = raf.length();
    if (length > Integer.MAX_VALUE - 16) {
      throw new IOException("session file larger than 2 GB");
    }
    byte[] bytes = new byte[(int) length];
    raf.seek(0);
    raf.readFully(bytes);
    return parse(sessionId, file, bytes);
  }

  /** Reads without a lock or repair, for listing and showing sessions another process writes. */
  static Loaded readSnapshot(String sessionId, Path file) throws IOException {
    return parse(sessionId, file, Files.readAllBytes(file));
  }

  private static Loaded parse(String sessionId, Path file, byte[] bytes) {
    var events = new ArrayList<SessionEvent>();
    int start = 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      int end = indexOf(bytes, (byte) '\n', start);
      lineNumber++;
      if (end < 0) {
        return new Loaded(events, start, bytes.length - start); // Torn: no newline.
      }
      String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      try {
        SessionEvent event = EventJson.fromLine(sessionId, line);
        if (event.seq() != events.size() + 1L) {
          throw corrupt(file, lineNumber, "seq " + event.seq() + " where " + (events.size() + 1) + " was expected");
        }
        events.add(event);
      } catch (IllegalArgumentException e) {
        if (end == bytes.length - 1) {
          return new Loaded(events, start, bytes.length - start); // Torn: the last line is garbage.
        }
        throw corrupt(file, lineNumber, e.getMessage());
      }
      start = end + 1;
    }
    return new Loaded(events, bytes.length, 0);
  }

  private static LocalAgentException corrupt(Path file, int lineNumber, String why) {
    return new LocalAgentException(
        SessionErrors.CORRUPT, "session file " + file + " is damaged at line " + lineNumber + ": " + why,
        "export what is readable with 'localagent sessions export', or remove the session");
  }

  private static int indexOf(byte[] bytes, byte value, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
