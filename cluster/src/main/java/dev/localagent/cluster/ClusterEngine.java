package dev.localagent.cluster;

import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.agent.AgentErrors;
import dev.localagent.core.agent.Submission;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.SessionErrors;
import io.lettuce.core.RedisException;
import io.lettuce.core.XAddArgs;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every submission to the one instance that runs the session's turns. If this instance
 * holds the session's lease, or can take it because nobody does, the submission runs here on a
 * local engine; if a live instance holds it, the submission goes to that instance's inbox and its
 * answer comes back through ours; if the holder stopped beating, the lease runs out within its
 * TTL and this instance takes the session over. Events reach every instance's clients through the
 * session's stream either way.
 *
 * <p>Each session taken here gets its own local engine, made when the lease is granted and
 * dropped when it is lost, so a session that comes back after running elsewhere never reuses a
 * conversation that missed turns.
 */
public final class ClusterEngine implements AgentEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterEngine.class);
  private static final long INBOX_MAX = 10_000;

  private final ClusterNode node;
  private final RedisSessionStore store;
  private final Leases leases;
  private final Supplier<AgentEngine> localEngine;
  private final Map<String, LocalRun> runs = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A session whose turns run here, under the lease granted with {@code token}. */
  private record LocalRun(String token, AgentEngine engine) {}

  ClusterEngine(ClusterNode node, RedisSessionStore store, Leases leases, Supplier<AgentEngine> localEngine) {
    this.node = node;
    this.store = store;
    this.leases = leases;
    this.localEngine = localEngine;
  }

  @Override
  public Outcome submit(String sessionId, Submission submission) {
    if (closed) {
      return Outcome.refused(AgentErrors.CLOSED.id(), "the engine is shutting down");
    }
    try {
      if (store.openLog(sessionId).isEmpty()) {
        return Outcome.refused(SessionErrors.NOT_FOUND.id(), "no session '" + sessionId + "'");
      }
      return route(sessionId, submission);
    } catch (LocalAgentException e) {
      return Outcome.refused(e.code().id(), e.getMessage());
    } catch (RedisException e) {
      return Outcome.refused(ClusterErrors.REDIS_UNAVAILABLE.id(), "Redis failed: " + e.getMessage());
    }
  }

  /**
   * Tries, until a deadline that covers one lease lifetime and one forward: run here, forward to
   * the live owner, or wait out a dead owner's lease.
   */
  private Outcome route(String sessionId, Submission submission) {
    ClusterConfig config = node.config();
    long deadline = System.nanoTime()
        + TimeUnit.MILLISECONDS.toNanos(2 * config.leaseTtlMillis() + config.forwardTimeoutMillis());
    Outcome last = Outcome.refused(ClusterErrors.OWNER_UNREACHABLE.id(),
        "session " + sessionId + " is changing hands; send it again");
    while (System.nanoTime() < deadline && !closed && !Thread.currentThread().isInterrupted()) {
      LocalRun run = runHere(sessionId);
      if (run != null) {
        return run.engine.submit(sessionId, submission);
      }
      Leases.Owner owner = leases.owner(sessionId);
      if (owner == null) {
        continue; // Released between the two reads: try to take it.
      }
      if (node.alive(owner.instanceId())) {
        last = forward(owner.instanceId(), sessionId, submission);
        if (!retryable(last)) {
          return last;
        }
      } else {
        waitFor(owner.remainingMillis()); // It stopped beating: its lease runs out within this.
      }
    }
    return last;
  }

  /** The owner did not answer, or no longer owned the session when it read the submission. */
  private static boolean retryable(Outcome outcome) {
    return !outcome.accepted() && (ClusterErrors.OWNER_UNREACHABLE.id().equals(outcome.code())
        || ClusterErrors.NOT_OWNER.id().equals(outcome.code()));
  }

  /**
   * The local run of a session, taking the lease when it is free; null when another instance
   * holds it. Taking over reads the stream to its end before anything is appended.
   */
  private LocalRun runHere(String sessionId) {
    synchronized (locks.computeIfAbsent(sessionId, id -> new Object())) {
      LocalRun run = runs.get(sessionId);
      if (run != null && run.token.equals(leases.token(sessionId))) {
        return run;
      }
      if (run != null) {
        drop(sessionId, run);
      }
      String token = leases.token(sessionId); // Held without a run: an earlier take-over failed midway.
      if (token == null) {
        token = leases.tryAcquire(sessionId);
      }
      if (token == null) {
        return null;
      }
      try {
        RedisSessionLog log = store.openLog(sessionId).orElseThrow();
        log.catchUp();
        closeOrphanedTurn(log);
      } catch (RuntimeException e) {
        leases.release(sessionId); // Let any instance try again rather than hold a session it cannot run.
        throw e;
      }
      run = new LocalRun(token, localEngine.get());
      runs.put(sessionId, run);
      LOG.debug("cluster: instance {} took session {} ({})", node.instanceId(), sessionId, token);
      return run;
    }
  }

  /**
   * A turn that started elsewhere and never got its turn.done (its instance died) is ended here,
   * so clients waiting on it see an error and turn.done, and the next prompt is not refused.
   */
  private void closeOrphanedTurn(RedisSessionLog log) {
    if (endsInOpenTurn(log)) {
      log.append(new ErrorRaised(ClusterErrors.OWNER_LOST.id(), "the instance running this turn stopped or lost "
          + "the session's lease; instance " + node.instanceId() + " took the session and ended the turn: "
          + "send the prompt again"));
      log.append(new TurnDone(TurnDone.Reason.ERROR, 0));
    }
  }

  /** Whether the log's last turn has no turn.done. */
  private static boolean endsInOpenTurn(RedisSessionLog log) {
    List<SessionEvent> events = log.read(0, Integer.MAX_VALUE);
    for (int i = events.size() - 1; i >= 0; i--) {
      switch (events.get(i).event()) {
        case TurnDone done -> {
          return false;
        }
        case UserMessage started -> {
          return true;
        }
        default -> {}
      }
    }
    return false;
  }

  /**
   * After this instance lost a session's lease (e.g. Redis was away for longer than the lease)
   * while its last turn has no end, and nobody else took the lease: take the session back and
   * end the turn now. Otherwise clients attached here would wait for it until some submission
   * for the session arrived. Called under the session's lock.
   */
  private void takeBackOpenTurn(String sessionId) {
    try {
      RedisSessionLog log = closed ? null : store.openLog(sessionId).orElse(null);
      if (log != null && endsInOpenTurn(log) && leases.owner(sessionId) == null) {
        runHere(sessionId);
      }
    } catch (RuntimeException e) {
      LOG.warn("cluster: could not take session {} back to end its turn: {}", sessionId, e.getMessage());
    }
  }

  /**
   * Stops the local run of a session whose lease this instance lost, and waits for it: a turn
   * still trying to record its end must not append once this instance takes the lease again.
   * Called under the session's lock. Quick: the cancelled turn's appends are refused (no lease),
   * and a turn waiting to record its end gives up as soon as its log is not writable here.
   */
  private void drop(String sessionId, LocalRun run) {
    runs.remove(sessionId, run);
    run.engine.submit(sessionId, new Submission.Cancel());
    run.engine.close();
  }

  /**
   * Called by the heartbeat when a renewal found the lease taken: stop running the session here,
   * on a virtual thread, since dropping waits for the run to stop and the heartbeat must go on.
   */
  void leaseLost(String sessionId) {
    LOG.warn("cluster: instance {} lost the lease of session {}", node.instanceId(), sessionId);
    node.reader().wake(); // Follow the session's stream again: someone else writes it now.
    Thread.ofVirtual().name("cluster-lease-lost").start(() -> {
      synchronized (locks.computeIfAbsent(sessionId, id -> new Object())) {
        LocalRun run = runs.get(sessionId);
        if (run != null && !run.token.equals(leases.token(sessionId))) { // Not a run taken again meanwhile.
          drop(sessionId, run);
          takeBackOpenTurn(sessionId);
        }
      }
    });
  }

  private Outcome forward(String owner, String sessionId, Submission submission) {
    String requestId = UUID.randomUUID().toString();
    var answer = new CompletableFuture<Outcome>();
    pending.put(requestId, answer);
    long timeout = node.config().forwardTimeoutMillis();
    try {
      node.redis().xadd(RedisKeys.inbox(owner), new XAddArgs().maxlen(INBOX_MAX).approximateTrimming(),
          Forwarded.command(requestId, node.instanceId(), sessionId, submission));
      return answer.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Outcome.refused(ClusterErrors.OWNER_UNREACHABLE.id(),
          "instance " + owner + " running session " + sessionId + " did not answer within " + timeout + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.refused(AgentErrors.CLOSED.id(), "interrupted while forwarding");
    } catch (ExecutionException e) {
      return Outcome.refused(AgentErrors.INTERNAL.id(), "forwarding failed: " + e.getCause());
    } finally {
      pending.remove(requestId);
    }
  }

  /** Runs on the stream reader's thread: commands go to a virtual thread, replies complete a wait. */
  void onInbox(Map<String, String> fields) {
    switch (fields.getOrDefault(StreamReader.KIND, "")) {
      case Forwarded.COMMAND -> Thread.ofVirtual().name("cluster-forwarded").start(() -> runForwarded(fields));
      case Forwarded.REPLY -> {
        CompletableFuture<Outcome> answer = pending.get(fields.get("req"));
        if (answer != null) {
          answer.complete(Forwarded.outcome(fields));
        }
      }
      default -> LOG.debug("cluster: ignoring inbox entry {}", fields.keySet());
    }
  }

  private void runForwarded(Map<String, String> fields) {
    String sessionId = fields.get("session");
    Outcome outcome;
    try {
      Submission submission = Forwarded.submission(fields);
      LocalRun run = closed ? null : runHere(sessionId);
      outcome = run != null ? run.engine.submit(sessionId, submission)
          : Outcome.refused(ClusterErrors.NOT_OWNER.id(), "instance " + node.instanceId()
              + " no longer runs session " + sessionId);
    } catch (RuntimeException e) {
      outcome = Outcome.refused(AgentErrors.INTERNAL.id(), "forwarded submission failed: " + e.getMessage());
    }
    try {
      node.redis().xadd(RedisKeys.inbox(fields.get("from")),
          new XAddArgs().maxlen(INBOX_MAX).approximateTrimming(), Forwarded.reply(fields.get("req"), outcome));
    } catch (RedisException e) {
      LOG.warn("cluster: could not answer instance {}: {}", fields.get("from"), e.getMessage());
    }
  }

  /** The session ids whose turns run on this instance now. */
  public List<String> localSessions() {
    return List.copyOf(runs.keySet());
  }

  private static void waitFor(long millis) {
    try {
      Thread.sleep(Math.max(1, millis) + 5); // A TTL running out in Redis: nothing to wait on but time.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets this instance's turns finish (each engine waits up to its grace), then gives the leases up. */
  @Override
  public void close() {
    closed = true;
    List<Thread> closers = runs.values().stream()
        .map(run -> Thread.ofVirtual().start(run.engine::close)).toList();
    for (Thread closer : closers) {
      try {
        closer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    runs.clear();
    try {
      leases.releaseAll();
    } catch (RedisException e) {
      LOG.warn("cluster: releasing leases failed ({}); they expire on their own", e.getMessage());
    }
  }
}
