package dev.localagent.core.agent;

import dev.localagent.api.model.ModelProvider;
import dev.localagent.core.session.SessionErrors;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The agent engine: one virtual thread per running turn, all output as events in the session's
 * log. Free of any client concern so the CLI and the gateway drive it the same way.
 */
public final class DefaultAgentEngine implements AgentEngine {
  private final SessionStore store;
  private final ModelProvider provider;
  private final ToolRegistry tools;
  private final ToolInvoker invoker;
  private final Map<String, SessionRuntime> sessions = new ConcurrentHashMap<>();
  private volatile EngineSettings settings;
  private volatile boolean closed;

  public DefaultAgentEngine(
      SessionStore store, ModelProvider provider, ToolRegistry tools, ToolInvoker invoker, EngineSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.tools = Objects.requireNonNull(tools, "tools");
    this.invoker = Objects.requireNonNull(invoker, "invoker");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Changes settings (e.g. the model) for turns that start from now on. */
  public void updateSettings(UnaryOperator<EngineSettings> change) {
    settings = change.apply(settings);
  }

  public ModelProvider provider() {
    return provider;
  }

  @Override
  public java.util.Optional<String> unrecordedEnd(String sessionId) {
    SessionRuntime runtime = sessions.get(sessionId);
    return runtime == null ? java.util.Optional.empty() : runtime.unrecordedEnd();
  }

  /** Whether a turn of this session is running now. */
  public boolean running(String sessionId) {
    SessionRuntime runtime = sessions.get(sessionId);
    return runtime != null && runtime.running();
  }

  @Override
  public Outcome submit(String sessionId, Submission submission) {
    if (closed) {
      return Outcome.refused(AgentErrors.CLOSED.id(), "the engine is shutting down");
    }
    SessionRuntime runtime = runtime(sessionId);
    if (runtime == null) {
      return Outcome.refused(SessionErrors.NOT_FOUND.id(), "no session '" + sessionId + "'");
    }
    return switch (submission) {
      case Submission.Prompt prompt -> runtime.start(prompt.text(), settings);
      case Submission.Cancel cancel -> runtime.cancel();
      case Submission.ApprovalReply reply ->
          runtime.approver().reply(reply.approvalId(), reply.decision(), reply.decidedBy());
    };
  }

  private SessionRuntime runtime(String sessionId) {
    SessionRuntime existing = sessions.get(sessionId);
    if (existing != null) {
      return existing;
    }
    SessionLog log;
    try {
      log = store.open(sessionId).orElse(null);
    } catch (RuntimeException e) {
      return null; // Bad id or unreadable: the same answer as "no such session".
    }
    if (log == null) {
      return null;
    }
    return sessions.computeIfAbsent(sessionId, id -> new SessionRuntime(log, provider, tools, invoker));
  }

  @Override
  public void close() {
    closed = true;
    List<SessionRuntime> all = List.copyOf(sessions.values());
    long deadline = System.nanoTime() + settings.closeGrace().toNanos();
    for (SessionRuntime runtime : all) {
      runtime.awaitUntil(deadline);
    }
    for (SessionRuntime runtime : all) {
      runtime.stop();
      runtime.awaitUntil(System.nanoTime() + settings.closeGrace().toNanos());
    }
  }
}
