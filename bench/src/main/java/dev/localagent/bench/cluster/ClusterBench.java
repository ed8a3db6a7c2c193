package dev.localagent.bench.cluster;

import dev.localagent.api.event.TurnDone;
import dev.localagent.cluster.ClusterConfig;
import dev.localagent.cluster.ClusterNode;
import dev.localagent.cluster.RedisProcess;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.provider.EchoProvider;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.SessionStore;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayServer;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Scenario 3 of the seed study (concurrent instances): 1, 2, ... gateway instances in this
 * process sharing one real redis-server, and a fixed set of clients spread round-robin over them.
 * Each client drives its own session turn after turn (offline echo provider) while a watcher on
 * the next instance follows the same session, so with two or more instances every event also
 * crosses Redis to another instance. Beside it, in the same run, one embedded instance (in-memory
 * store, no Redis) as the ratio's base.
 */
public final class ClusterBench {
  private static final String TOKEN = "bench-cluster-token-0123456789";

  /** What to run. */
  public record Options(int[] instances, int clients, int seconds) {}

  /**
   * One measured configuration. CPU time is what this JVM (instances, clients and all) and
   * redis-server used during it: per turn it depends far less on the machine's load than turns/s.
   */
  record Result(String mode, int instances, long turns, long events, double seconds, Histogram latency,
      Duration jvmCpu, Duration redisCpu, long scripts, long streamReads) {
    double perTurn(long count) {
      return turns == 0 ? 0 : (double) count / turns;
    }

    double cpuMicrosPerTurn(Duration cpu) {
      return turns == 0 ? 0 : cpu.toNanos() / 1e3 / turns;
    }

    double turnsPerSecond() {
      return turns / seconds;
    }

    double eventsPerSecond() {
      return events / seconds;
    }
  }

  private ClusterBench() {}

  public static void run(Options options, PrintWriter out) throws Exception {
    out.printf(Locale.ROOT, "cluster: %d clients (each drives a session; a watcher on the next instance follows it),"
        + " %d s per configuration, echo provider, instances in this process on one redis-server%n",
        options.clients(), options.seconds());
    out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
    Path workdir = Files.createTempDirectory("localagent-bench-cluster");
    var results = new ArrayList<Result>();
    var warmup = new Options(options.instances(), options.clients(), Math.max(1, options.seconds() / 2));
    try (var redis = RedisProcess.start()) {
      // Not reported: the JIT compiles the gateway, engine and Lettuce paths first, so the first
      // configuration measured is not penalised for running cold.
      measure("warm-up", 1, () -> List.of(embedded(workdir)), warmup, redis);
      measure("warm-up", 1, () -> clustered(redis, 1, workdir), warmup, redis);
      redis.command("FLUSHALL");
      results.add(measure("embedded", 1, () -> List.of(embedded(workdir)), options, redis));
      for (int count : options.instances()) {
        results.add(measure("cluster", count, () -> clustered(redis, count, workdir), options, redis));
        redis.command("FLUSHALL");
      }
    }
    print(results, out);
    out.flush();
  }

  private static Result measure(String mode, int count, Supplier<List<GatewayServer>> start, Options options,
      RedisProcess redis) throws Exception {
    List<GatewayServer> servers = start.get();
    try {
      var endpoints = servers.stream()
          .map(server -> URI.create("ws://127.0.0.1:" + server.start().getPort() + "/v1/ws")).toList();
      return load(mode, count, endpoints, options, redis);
    } finally {
      servers.forEach(GatewayServer::close);
    }
  }

  private static GatewayServer embedded(Path workdir) {
    SessionStore store = new InMemorySessionStore();
    return server(store, engine(store, workdir), workdir);
  }

  private static List<GatewayServer> clustered(RedisProcess redis, int count, Path workdir) {
    var servers = new ArrayList<GatewayServer>();
    for (int i = 0; i < count; i++) {
      ClusterNode node = ClusterNode.start(new ClusterConfig(new ClusterConfig.Redis(redis.url()), 10_000, 5_000));
      var engine = node.engine(() -> engine(node.store(), workdir));
      var server = server(node.store(), engine, workdir);
      server.readinessCheck(node::notReadyReason);
      servers.add(server);
    }
    return servers;
  }

  private static AgentEngine engine(SessionStore store, Path workdir) {
    return new DefaultAgentEngine(store, new EchoProvider("echo"), new ToolRegistry(), noTools(),
        new EngineSettings("echo", 10, workdir, null, null, Duration.ofSeconds(2)));
  }

  private static ToolInvoker noTools() {
    return invocation -> ToolResult.error("LA-TOOL-002", "no tools in this benchmark");
  }

  private static GatewayServer server(SessionStore store, AgentEngine engine, Path workdir) {
    return new GatewayServer(GatewayConfig.DEFAULT.toBuilder().port(0).build(), store, engine, noTools(),
        new ToolRegistry(), workdir, TOKEN, "bench");
  }

  /** A client driving one session, and the signal of its turns ending. */
  private record Driver(GatewayClient client, String session, Semaphore turnDone) {}

  /** Every client drives turns until the deadline; the watcher counts what reaches the other instance. */
  private static Result load(String mode, int count, List<URI> endpoints, Options options, RedisProcess redis)
      throws Exception {
    var events = new LongAdder();
    var turns = new LongAdder();
    var latency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    var clients = new ArrayList<GatewayClient>();
    var drivers = new ArrayList<Driver>();
    try {
      for (int c = 0; c < options.clients(); c++) {
        var turnDone = new Semaphore(0);
        GatewayClient driver = GatewayClient.connect(endpoints.get(c % endpoints.size()), TOKEN, true, event -> {
          events.increment();
          if (event.event() instanceof TurnDone) {
            turnDone.release();
          }
        });
        clients.add(driver);
        GatewayClient watcher = GatewayClient.connect(endpoints.get((c + 1) % endpoints.size()), TOKEN, true,
            event -> events.increment());
        clients.add(watcher);
        String session = driver.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
        watcher.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(session, 0));
        drivers.add(new Driver(driver, session, turnDone));
      }
      Duration jvmCpuBefore = jvmCpu();
      Duration redisCpuBefore = redis.cpuTime();
      long scriptsBefore = redis.calls("evalsha");
      long readsBefore = redis.calls("xread");
      long started = System.nanoTime();
      long deadline = started + TimeUnit.SECONDS.toNanos(options.seconds());
      var threads = drivers.stream()
          .map(d -> Thread.ofVirtual().start(() -> drive(d, deadline, turns, latency))).toList();
      for (Thread thread : threads) {
        thread.join();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(mode, count, turns.sum(), events.sum(), seconds, latency,
          jvmCpu().minus(jvmCpuBefore), redis.cpuTime().minus(redisCpuBefore),
          redis.calls("evalsha") - scriptsBefore, redis.calls("xread") - readsBefore);
    } finally {
      clients.forEach(GatewayClient::close);
    }
  }

  private static void drive(Driver d, long deadline, LongAdder turns, Histogram latency) {
    try {
      int n = 0;
      while (System.nanoTime() < deadline) {
        long start = System.nanoTime();
        d.client().request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(d.session(), "turn " + n++));
        if (!d.turnDone().tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no turn.done within 30 s in session " + d.session());
        }
        synchronized (latency) {
          latency.recordValue(System.nanoTime() - start);
        }
        turns.increment();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration jvmCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static void print(List<Result> results, PrintWriter out) {
    Result base = results.getFirst();
    double baseCpu = base.cpuMicrosPerTurn(base.jvmCpu().plus(base.redisCpu()));
    out.printf(Locale.ROOT, "%-9s %9s %10s %12s %13s %13s %10s %12s %12s %10s %12s %13s %11s%n", "mode", "instances",
        "turns/s", "events/s", "turn p50 ms", "turn p99 ms", "vs embedded", "jvm cpu us", "redis cpu us",
        "cpu vs emb", "events/turn", "scripts/turn", "xread/turn");
    for (Result r : results) {
      double cpu = r.cpuMicrosPerTurn(r.jvmCpu().plus(r.redisCpu()));
      out.printf(Locale.ROOT, "%-9s %9d %10.0f %12.0f %13.2f %13.2f %9.2fx %12.0f %12.0f %9.2fx %12.1f %13.1f %11.1f%n",
          r.mode(), r.instances(), r.turnsPerSecond(), r.eventsPerSecond(),
          r.latency().getValueAtPercentile(50) / 1e6, r.latency().getValueAtPercentile(99) / 1e6,
          r.turnsPerSecond() / base.turnsPerSecond(), r.cpuMicrosPerTurn(r.jvmCpu()),
          r.cpuMicrosPerTurn(r.redisCpu()), cpu / baseCpu, r.perTurn(r.events()) / 2, r.perTurn(r.scripts()), r.perTurn(r.streamReads()));
    }
    out.println();
    out.println("events/s counts what the clients received: driver and watcher each get every event of a turn.");
    out.println("events/turn: events in one turn's log (each reaches the driver and the watcher).");
    out.println("scripts/turn: fenced append scripts (and lease renewals) Redis ran per turn; one per event"
        + " without group commit. xread/turn: stream reads by the instances following a session.");
    out.println("cpu us is CPU time per turn (this JVM: instances and clients; redis-server), and its ratio to the"
        + " embedded run: on a loaded machine it moves much less than turns/s.");
    out.println("Instances share this JVM and its cores; on separate machines each instance would bring its own.");
    out.println("re-run: localagent bench cluster --instances " + String.join(",",
        Arrays.stream(results.stream().skip(1).mapToInt(Result::instances).toArray()).mapToObj(Integer::toString)
            .toList()));
  }
}
