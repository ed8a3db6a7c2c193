package dev.localagent.core.session;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded session store: one {@code <id>.jsonl} file per session in a directory. Open logs
 * are cached, so every caller in this process shares one log object (and one delivery order) per
 * session.
 */
public final class JsonlSessionStore implements SessionStore {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String SUFFIX = ".jsonl";
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final SessionsConfig config;
  private final Clock clock;
  private final Map<String, JsonlSessionLog> open = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService syncer;

  public JsonlSessionStore(Path dir, SessionsConfig config, Clock clock) {
    this.dir = dir;
    this.config = config;
    this.clock = clock;
    this.syncer = config.fsync().equals("batch") ? startSyncer(config.fsyncIntervalMs()) : null;
  }

  public JsonlSessionStore(Path dir, SessionsConfig config) {
    this(dir, config, Clock.systemUTC());
  }

  private ScheduledExecutorService startSyncer(long intervalMs) {
    var executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("session-fsync").factory());
    executor.scheduleWithFixedDelay(this::syncAll, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    return executor;
  }

  private void syncAll() {
    for (JsonlSessionLog log : open.values()) {
      try {
        log.syncIfDirty();
      } catch (RuntimeException e) {
        // The next append or close reports the failure to its caller.
      }
    }
  }

  public Path directory() {
    return dir;
  }

  @Override
  public SessionLog create() {
    ensureDir();
    for (int attempt = 0; attempt < 10; attempt++) {
      String id = ID_TIME.format(clock.instant()) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
      Path file = fileOf(id);
      try {
        Files.createFile(file);
        return open.computeIfAbsent(id, key -> openLog(key, file));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Same second and same random suffix: try another suffix.
      } catch (IOException e) {
        throw ioFailure("create a session in " + dir, e);
      }
    }
    throw new LocalAgentException(
        GeneralErrors.INTERNAL, "could not find a free session id in " + dir, "try again");
  }

  @Override
  public Optional<SessionLog> open(String id) {
    checkId(id);
    Path file = fileOf(id);
    if (!open.containsKey(id) && !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(open.computeIfAbsent(id, key -> openLog(key, file)));
  }

  private JsonlSessionLog openLog(String id, Path file) {
    boolean syncAlways = config.fsync().equals("always");
    return JsonlSessionLog.open(id, file, clock, syncAlways, () -> open.remove(id));
  }

  /**
   * The events of a session as they are on disk, without locking or repairing the file: for
   * showing and exporting a session another process may be writing. A torn last line is skipped.
   */
  public List<SessionEvent> snapshot(String id) {
    checkId(id);
    JsonlSessionLog live = open.get(id);
    if (live != null) {
      return live.read(0, Integer.MAX_VALUE);
    }
    try {
      return SessionFileReader.readSnapshot(id, fileOf(id)).events();
    } catch (NoSuchFileException e) {
      throw notFound(id);
    } catch (IOException e) {
      throw ioFailure("read session " + id, e);
    }
  }

  @Override
  public List<SessionInfo> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    var infos = new ArrayList<SessionInfo>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          infos.add(info(name.substring(0, name.length() - SUFFIX.length()), file));
        }
      }
    } catch (IOException e) {
      throw ioFailure("list sessions in " + dir, e);
    }
    infos.sort(Comparator.comparingLong(SessionInfo::updatedMillis).reversed());
    return infos;
  }

  private SessionInfo info(String id, Path file) throws IOException {
    List<SessionEvent> events;
    try {
      events = snapshot(id);
    } catch (LocalAgentException e) {
      // A damaged session is still listed, so it can be found and removed.
      return new SessionInfo(id, "(damaged: " + e.code().id() + ")", 0, 0, Files.getLastModifiedTime(file).toMillis());
    }
    String title = "";
    for (SessionEvent event : events) {
      if (event.event() instanceof UserMessage user) {
        title = firstLine(user.text());
        break;
      }
    }
    long created = events.isEmpty() ? Files.getLastModifiedTime(file).toMillis() : events.getFirst().timestampMillis();
    long updated = events.isEmpty() ? created : events.getLast().timestampMillis();
    return new SessionInfo(id, title, events.size(), created, updated);
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  @Override
  public boolean delete(String id) {
    checkId(id);
    JsonlSessionLog live = open.remove(id);
    if (live != null) {
      live.close();
    }
    try {
      return Files.deleteIfExists(fileOf(id));
    } catch (IOException e) {
      throw ioFailure("delete session " + id, e);
    }
  }

  @Override
  public void close() {
    if (syncer != null) {
      syncer.shutdownNow();
    }
    for (JsonlSessionLog log : List.copyOf(open.values())) {
      log.close();
    }
  }

  private Path fileOf(String id) {
    return dir.resolve(id + SUFFIX);
  }

  private void ensureDir() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw ioFailure("create " + dir, e);
    }
  }

  /** Rejects ids that could name a file outside the sessions directory. */
  public static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new LocalAgentException(
          SessionErrors.BAD_ID, "'" + id + "' is not a session id",
          "session ids are letters, digits, '.', '_' and '-'; see 'localagent sessions list'");
    }
  }

  public static LocalAgentException notFound(String id) {
    return new LocalAgentException(
        SessionErrors.NOT_FOUND, "no session '" + id + "'", "see 'localagent sessions list' for ids");
  }

  private static LocalAgentException ioFailure(String what, IOException e) {
    return new LocalAgentException(
        GeneralErrors.IO, "cannot " + what + ": " + e.getMessage(), "check the data directory's permissions", e);
  }
}
