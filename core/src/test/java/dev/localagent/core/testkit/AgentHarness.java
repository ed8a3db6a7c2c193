package dev.localagent.core.testkit;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.tool.Tool;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.agent.Submission;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.session.SessionsConfig;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real engine over a real JSONL store and a real HTTP provider, built for a test:
 * {@code AgentHarness.builder(dir).openAi(server).build()}, then {@link #turn}.
 */
public final class AgentHarness implements AutoCloseable {
  public final JsonlSessionStore store;
  public final DefaultAgentEngine engine;
  public final SessionLog log;
  public final Path workdir;

  private AgentHarness(JsonlSessionStore store, DefaultAgentEngine engine, SessionLog log, Path workdir) {
    this.store = store;
    this.engine = engine;
    this.log = log;
    this.workdir = workdir;
  }

  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** Submits a prompt and waits for its turn.done; returns the turn's events. */
  public List<SessionEvent> turn(String prompt) throws InterruptedException {
    long from = log.lastSeq();
    var done = new LinkedBlockingQueue<SessionEvent>();
    try (var sub = log.subscribe(from, e -> { if (e.event() instanceof TurnDone) done.add(e); })) {
      AgentEngine.Outcome outcome = engine.submit(log.sessionId(), new Submission.Prompt(prompt));
      if (!outcome.accepted()) {
        throw new AssertionError("prompt refused: " + outcome);
      }
      SessionEvent end = done.poll(30, TimeUnit.SECONDS);
      if (end == null) {
        throw new AssertionError("no turn.done within 30 s; log: " + log.read(from, 1000));
      }
      return log.read(from, Integer.MAX_VALUE).stream().filter(e -> e.seq() <= end.seq()).toList();
    }
  }

  @Override
  public void close() {
    engine.close();
    store.close();
  }

  /** Builds a harness; every piece has a test default. */
  public static final class Builder {
    private final Path root;
    private ProviderConfig provider;
    private List<Tool> tools = TestTools.all();
    private Set<String> askFor = Set.of();
    private int maxSteps = 10;
    private ToolInvoker invoker;
    private UnaryOperator<ProviderConfig> tune = UnaryOperator.identity();

    Builder(Path root) {
      this.root = root;
    }

    public Builder openAi(FakeModelServer server) {
      provider = fast("fake", "openai", server.openAiUrl());
      return this;
    }

    public Builder ollama(FakeModelServer server) {
      provider = fast("fake-ollama", "ollama", server.ollamaUrl());
      return this;
    }

    public Builder provider(ProviderConfig config) {
      provider = config;
      return this;
    }

    public Builder tools(List<Tool> list) {
      tools = list;
      return this;
    }

    public Builder askFor(String... names) {
      askFor = Set.of(names);
      return this;
    }

    public Builder maxSteps(int steps) {
      maxSteps = steps;
      return this;
    }

    public Builder invoker(ToolInvoker custom) {
      invoker = custom;
      return this;
    }

    public AgentHarness build() throws Exception {
      Path workdir = java.nio.file.Files.createDirectories(root.resolve("work")).toRealPath();
      var store = new JsonlSessionStore(root.resolve("sessions"), new SessionsConfig("never", 1000));
      var registry = new ToolRegistry();
      tools.forEach(registry::register);
      ModelProvider model = Providers.create(provider, Map.of());
      var settings = new EngineSettings("fake-model", maxSteps, workdir, null, null, Duration.ofSeconds(2));
      var engine = new DefaultAgentEngine(store, model, registry,
          invoker != null ? invoker : new RegistryInvoker(registry, askFor), settings);
      return new AgentHarness(store, engine, store.create(), workdir);
    }

    /** Test timeouts and backoff: short, so failure scenarios finish in milliseconds. */
    private static ProviderConfig fast(String name, String kind, String url) {
      return new ProviderConfig(name, kind, url, "fake-model", null, 0, 1000, 5000, 5000, 3, 5, 1000, 4, 60_000);
    }
  }
}
