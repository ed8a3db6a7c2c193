package dev.localagent.core.session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions held in memory only ({@code --store memory}): for tests, benchmarks and throwaway
 * servers. Nothing survives the process; the delivery contract is the same as the JSONL store's.
 */
public final class InMemorySessionStore implements SessionStore {
  private final Clock clock;
  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

  public InMemorySessionStore(Clock clock) {
    this.clock = clock;
  }

  public InMemorySessionStore() {
    this(Clock.systemUTC());
  }

  @Override
  public SessionLog create() {
    String id = UUID.randomUUID().toString();
    var entry = new Entry(new InMemorySessionLog(id, clock), clock.millis());
    sessions.put(id, entry);
    return entry.log;
  }

  @Override
  public Optional<SessionLog> open(String id) {
    Entry entry = id == null ? null : sessions.get(id);
    return entry == null ? Optional.empty() : Optional.of(entry.log);
  }

  @Override
  public List<SessionInfo> list() {
    var infos = new ArrayList<SessionInfo>(sessions.size());
    sessions.forEach((id, entry) -> infos.add(entry.info()));
    infos.sort(Comparator.comparingLong(SessionInfo::updatedMillis).reversed());
    return infos;
  }

  @Override
  public boolean delete(String id) {
    Entry removed = sessions.remove(id);
    if (removed != null) {
      removed.log.close();
    }
    return removed != null;
  }

  @Override
  public void close() {
    sessions.values().forEach(entry -> entry.log.close());
  }

  private record Entry(InMemorySessionLog log, long createdMillis) {
    SessionInfo info() {
      long last = log.lastSeq();
      long updated =
          last == 0 ? createdMillis : log.read(last - 1, 1).getFirst().timestampMillis();
      return new SessionInfo(log.sessionId(), "", last, createdMillis, updated);
    }
  }
}
