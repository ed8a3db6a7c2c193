package dev.localagent.core.session;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.error.LocalAgentException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A session log persisted as one JSON line per event. Appends are one {@code write(2)} each, so a
 * killed process leaves at most one torn last line, which {@link #open} drops. Events are also
 * kept in memory for replay to subscribers; delivery semantics are those of {@link
 * InMemorySessionLog}.
 *
 * <p>Uses {@link RandomAccessFile} rather than a {@code FileChannel} on purpose: an interrupted
 * thread (a cancelled turn) would close an interruptible channel and kill the log for everyone.
 */
public final class JsonlSessionLog implements SessionLog {
  private final String sessionId;
  private final Path file;
  private final RandomAccessFile raf;
  private final FileLock lock;
  private final Clock clock;
  private final boolean syncEveryAppend;
  private final Runnable onClose;
  private final EventHistory history; // Guarded by this.
  private boolean dirty; // Guarded by this.
  private boolean closed; // Guarded by this.

  private JsonlSessionLog(
      String sessionId, Path file, RandomAccessFile raf, FileLock lock, List<SessionEvent> events,
      Clock clock, boolean syncEveryAppend, Runnable onClose) {
    this.sessionId = sessionId;
    this.file = file;
    this.raf = raf;
    this.lock = lock;
    this.history = new EventHistory(events);
    this.clock = clock;
    this.syncEveryAppend = syncEveryAppend;
    this.onClose = onClose;
  }

  /**
   * Opens (creating when absent) the file of a session, drops a torn last line, and locks the file
   * against writers in other processes.
   *
   * @throws LocalAgentException LA-SESSION-002 when a line before the last is damaged,
   *     LA-SESSION-003 when another process holds the session
   */
  static JsonlSessionLog open(
      String sessionId, Path file, Clock clock, boolean syncEveryAppend, Runnable onClose) {
    RandomAccessFile raf = null;
    try {
      raf = new RandomAccessFile(file.toFile(), "rw");
      FileLock lock = tryLock(raf, sessionId);
      var loaded = SessionFileReader.read(sessionId, file, raf);
      if (loaded.tornBytesDropped() > 0) {
        raf.setLength(loaded.validLength());
        raf.getFD().sync();
      }
      raf.seek(loaded.validLength());
      return new JsonlSessionLog(
          sessionId, file, raf, lock, loaded.events(), clock, syncEveryAppend, onClose);
    } catch (IOException e) {
      closeQuietly(raf);
      throw new LocalAgentException(
          SessionErrors.WRITE_FAILED, "cannot open session file " + file + ": " + e.getMessage(),
          "check the permissions of the data directory", e);
    } catch (RuntimeException e) {
      closeQuietly(raf);
      throw e;
    }
  }

  private static FileLock tryLock(RandomAccessFile raf, String sessionId) throws IOException {
    FileLock lock;
    try {
      lock = raf.getChannel().tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new LocalAgentException(
          SessionErrors.LOCKED, "session " + sessionId + " is open in another process",
          "close the other 'localagent chat/run/serve' using it, or attach to it through the gateway");
    }
    return lock;
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized SessionEvent append(Event event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      throw new IllegalStateException("session log " + sessionId + " is closed");
    }
    var stored = new SessionEvent(sessionId, history.lastSeq() + 1, clock.millis(), event);
    byte[] line = (EventJson.toLine(stored) + "\n").getBytes(StandardCharsets.UTF_8);
    write(line);
    // Delivered under the lock so every subscriber sees events in seq order exactly once.
    history.add(stored);
    return stored;
  }

  private void write(byte[] line) {
    long before = -1;
    try {
      before = raf.getFilePointer();
      raf.write(line); // One write(2): a kill can tear only this line.
      if (syncEveryAppend) {
        raf.getFD().sync();
      } else {
        dirty = true;
      }
    } catch (IOException e) {
      rollBack(before);
      throw new LocalAgentException(
          SessionErrors.WRITE_FAILED, "cannot write session " + sessionId + ": " + e.getMessage(),
          "check free disk space and permissions of " + file.getParent(), e);
    }
  }

  private void rollBack(long length) {
    if (length < 0) {
      return;
    }
    try {
      raf.setLength(length);
      raf.seek(length);
    } catch (IOException ignored) {
      // The next open drops whatever partial line is left.
    }
  }

  /** Forces written events to disk if any were written since the last sync (batch policy). */
  public synchronized void syncIfDirty() {
    if (!dirty || closed) {
      return;
    }
    try {
      raf.getFD().sync();
      dirty = false;
    } catch (IOException e) {
      throw new LocalAgentException(
          SessionErrors.WRITE_FAILED, "cannot sync session " + sessionId + ": " + e.getMessage(),
          "check the disk holding " + file.getParent(), e);
    }
  }

  @Override
  public synchronized long lastSeq() {
    return history.lastSeq();
  }

  @Override
  public synchronized List<SessionEvent> read(long afterSeq, int max) {
    return history.read(afterSeq, max);
  }

  @Override
  public synchronized Subscription subscribe(long afterSeq, SessionSubscriber subscriber) {
    return history.subscribe(afterSeq, subscriber);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        if (dirty) {
          raf.getFD().sync();
        }
        lock.release();
      } catch (IOException ignored) {
        // Closing anyway; the data is in the page cache and the next open re-validates it.
      }
      closeQuietly(raf);
      closed = true;
      history.clearSubscribers();
    }
    onClose.run();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  private static void closeQuietly(RandomAccessFile raf) {
    if (raf == null) {
      return;
    }
    try {
      raf.close();
    } catch (IOException ignored) {
      // Nothing left to save.
    }
  }

}
