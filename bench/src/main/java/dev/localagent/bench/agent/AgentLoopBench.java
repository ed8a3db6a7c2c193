package dev.localagent.bench.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.agent.Submission;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.session.SessionsConfig;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.tool.ToolRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Agent-loop overhead against the fake model server with zero model latency: wall time per tool
 * round trip (model step over HTTP/SSE + tool call + events in the JSONL log), next to a bare
 * HTTP/SSE request to the same server as the floor; then the RSS of one 1000-turn session.
 */
public final class AgentLoopBench {
  /** What to run. */
  public record Options(int roundTrips, int runs, int turns) {}

  private AgentLoopBench() {}

  public static void run(Options options, PrintWriter out) throws Exception {
    out.printf(Locale.ROOT, "agent loop: fake OpenAI-compatible server on loopback, zero model latency; %d tool"
        + " round trips per run, median of %d runs; JSONL store with fsync=never%n", options.roundTrips(), options.runs());
    out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
    Path dir = Files.createTempDirectory("localagent-bench-agent");
    try (var server = FakeModelServer.start().recordBodies(false)) {
      server.fallback(AgentLoopBench::toolThenAnswer);
      roundTrips(options, out, server, dir);
      longSession(options, out, server, dir);
    } finally {
      deleteTree(dir);
    }
    out.flush();
  }

  /** Asks for the no-op tool until the conversation holds 20 tool results, then answers. */
  private static Reply toolThenAnswer(JsonNode body) {
    JsonNode messages = body.get("messages");
    String last = messages.get(messages.size() - 1).get("role").asText();
    if (last.equals("user")) {
      return Reply.openAiText("ok", 8);
    }
    int results = 0;
    for (JsonNode message : messages) {
      results += message.get("role").asText().equals("tool") ? 1 : 0;
    }
    return results % PER_TURN == 0 && last.equals("tool") && results > 0
        ? Reply.openAiText("done", 8)
        : Reply.openAiToolCalls(64, new Reply.Call("c" + results, "bench.noop", "{\"n\":" + results + "}"));
  }

  private static final int PER_TURN = 20;

  private static void roundTrips(Options options, PrintWriter out, FakeModelServer server, Path dir) throws Exception {
    try (var rig = Rig.open(server, dir.resolve("trips"))) {
      rig.microsPerTrip(options.roundTrips()); // Warm-up: JIT, connection pool.
      RawSse.microsPerRequest(server, options.roundTrips());
      var engine = new ArrayList<Double>();
      var floor = new ArrayList<Double>();
      for (int run = 0; run < options.runs(); run++) {
        engine.add(rig.microsPerTrip(options.roundTrips()));
        floor.add(RawSse.microsPerRequest(server, options.roundTrips()));
      }
      double engineMedian = median(engine);
      double floorMedian = median(floor);
      out.printf(Locale.ROOT, "%-52s %12s %10s   %s%n", "variant", "median us", "vs floor", "runs (us)");
      out.printf(Locale.ROOT, "%-52s %12.0f %9.2fx   %s%n", "engine tool round trip (model step + tool + log)",
          engineMedian, engineMedian / floorMedian, rounded(engine));
      out.printf(Locale.ROOT, "%-52s %12.0f %9.2fx   %s%n", "floor: the same model step, provider alone",
          floorMedian, 1.0, rounded(floor));
      out.printf(Locale.ROOT, "target <= 1000 us per tool round trip: %s%n%n", engineMedian <= 1000 ? "met" : "NOT met");
    }
  }

  private static void longSession(Options options, PrintWriter out, FakeModelServer server, Path dir) throws Exception {
    try (var rig = Rig.open(server, dir.resolve("long"))) {
      System.gc();
      long rssBefore = Rss.kilobytes();
      long started = System.nanoTime();
      SessionLog log = rig.store.create();
      for (int turn = 0; turn < options.turns(); turn++) {
        rig.turn(log, "turn " + turn);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.gc();
      long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      long rssAfter = Rss.kilobytes();
      out.printf(Locale.ROOT, "%d-turn session (user message -> streamed answer, whole conversation resent each turn):%n",
          options.turns());
      out.printf(Locale.ROOT, "  %d events, log file %.1f MB, %.1f s (%.1f ms/turn)%n", log.lastSeq(),
          Files.size(rig.store.directory().resolve(log.sessionId() + ".jsonl")) / 1e6, seconds, seconds * 1000 / options.turns());
      out.printf(Locale.ROOT, "  RSS before %d MB, after %d MB (+%d MB); heap used after GC %d MB%n",
          rssBefore / 1024, rssAfter / 1024, (rssAfter - rssBefore) / 1024, heap >> 20);
      out.println("  (RSS is the whole benchmark JVM, fake server included)");
    }
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
  }

  static double median(List<Double> values) {
    var sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** An engine over a JSONL store, a resilient provider on the fake server and one no-op tool. */
  private record Rig(JsonlSessionStore store, DefaultAgentEngine engine) implements AutoCloseable {
    static Rig open(FakeModelServer server, Path dir) {
      var store = new JsonlSessionStore(dir, new SessionsConfig("never", 1000));
      var tools = new ToolRegistry();
      tools.register(new Noop());
      var config = new ProviderConfig("bench", "openai", server.openAiUrl(), "fake-model", null,
          0, 1000, 10_000, 10_000, 1, 1, 1_000_000, 1000, 1000);
      var settings = new EngineSettings("fake-model", 10_000, dir, null, null, Duration.ofSeconds(2));
      var engine = new DefaultAgentEngine(store, Providers.create(config, Map.of()), tools,
          invocation -> tools.find(invocation.call().name()).orElseThrow().call(
              new ToolRequest(invocation.call().id(), invocation.call().arguments(), invocation.workdir()),
              invocation.output()),
          settings);
      return new Rig(store, engine);
    }

    /** Runs turns of PER_TURN tool round trips in fresh sessions; microseconds per round trip. */
    double microsPerTrip(int roundTrips) throws InterruptedException {
      int turns = Math.max(1, roundTrips / PER_TURN);
      long started = System.nanoTime();
      for (int i = 0; i < turns; i++) {
        SessionLog log = store.create();
        turn(log, "call the tool");
      }
      return (System.nanoTime() - started) / 1e3 / (turns * PER_TURN);
    }

    void turn(SessionLog log, String prompt) throws InterruptedException {
      var done = new LinkedBlockingQueue<SessionEvent>();
      try (var sub = log.subscribe(log.lastSeq(), e -> { if (e.event() instanceof TurnDone) done.add(e); })) {
        var outcome = engine.submit(log.sessionId(), new Submission.Prompt(prompt));
        if (!outcome.accepted()) {
          throw new IllegalStateException("turn refused: " + outcome.message());
        }
        var end = done.poll(60, TimeUnit.SECONDS);
        if (end == null || ((TurnDone) end.event()).reason() != TurnDone.Reason.COMPLETED) {
          throw new IllegalStateException("turn did not complete: " + end);
        }
      }
    }

    @Override
    public void close() {
      engine.close();
      store.close();
    }
  }

  /** The cheapest possible tool, so the figure is the loop's cost, not the tool's. */
  private static final class Noop implements Tool {
    @Override
    public ToolSpec spec() {
      return new ToolSpec("bench.noop", "Does nothing", null);
    }

    @Override
    public ToolResult call(ToolRequest request, ToolOutput output) {
      return ToolResult.success("ok");
    }
  }
}
