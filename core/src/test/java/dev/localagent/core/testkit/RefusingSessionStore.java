package dev.localagent.core.testkit;

import dev.localagent.api.event.Event;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.SessionErrors;
import dev.localagent.core.session.SessionInfo;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.session.SessionStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session store whose logs stop taking appends on demand, as one does when its disk is full or
 * (in cluster mode) its Redis is unreachable: user messages are taken, every other append is
 * refused with {@link SessionErrors#LOCKED} while {@code refusing} is set; {@code writable} is
 * what the logs answer to {@link SessionLog#writable()}.
 */
public record RefusingSessionStore(SessionStore delegate, AtomicBoolean refusing, AtomicBoolean writable)
    implements SessionStore {
  @Override public SessionLog create() { return wrap(delegate.create()); }
  @Override public Optional<SessionLog> open(String id) { return delegate.open(id).map(this::wrap); }
  @Override public List<SessionInfo> list() { return delegate.list(); }
  @Override public boolean delete(String id) { return delegate.delete(id); }
  @Override public void close() { delegate.close(); }

  private SessionLog wrap(SessionLog log) {
    return new SessionLog() {
      @Override public String sessionId() { return log.sessionId(); }
      @Override public SessionEvent append(Event event) {
        if (refusing.get() && !(event instanceof UserMessage)) {
          throw new LocalAgentException(SessionErrors.LOCKED, "refused", "test");
        }
        return log.append(event);
      }
      @Override public boolean writable() { return writable.get(); }
      @Override public long lastSeq() { return log.lastSeq(); }
      @Override public List<SessionEvent> read(long afterSeq, int max) { return log.read(afterSeq, max); }
      @Override public Subscription subscribe(long afterSeq, SessionSubscriber subscriber) {
        return log.subscribe(afterSeq, subscriber);
      }
      @Override public void close() { log.close(); }
    };
  }
}
