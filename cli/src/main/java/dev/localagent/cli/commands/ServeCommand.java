package dev.localagent.cli.commands;

import dev.localagent.cli.AppContext;
import dev.localagent.cli.GatewayWiring;
import dev.localagent.cli.ServeMonitoring;
import dev.localagent.cli.Toolbox;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.VersionProvider;
import dev.localagent.cluster.ClusterConfig;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.monitor.AlertMonitor;
import dev.localagent.core.monitor.CountingToolInvoker;
import dev.localagent.core.monitor.MetricSample;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayConfigBuilder;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.GatewayServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import org.slf4j.LoggerFactory;

/** {@code localagent serve}: the WebSocket gateway (protocol v1) until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    description = "Serve sessions over WebSocket (docs/PROTOCOL.md) on a loopback port.",
    footer = {"", "Flags override the 'gateway' section of config.yaml. Stop with Ctrl-C or SIGTERM:",
      "running turns finish (up to --shutdown-timeout-millis), then clients get close code 1001.",
      "With --redis (or cluster.redis.url) many instances share sessions; see docs/GATEWAY.md."})
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand LocalAgentCommand root;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: gateway.port, 7777; 0 picks one).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: 127.0.0.1).")
  String bind;

  @Option(names = "--token-file", paramLabel = "FILE", description = "Token file (default: <config dir>/gateway.token).")
  String tokenFile;

  @Option(names = "--store", paramLabel = "KIND",
      description = "Session store: jsonl (on disk, default) or memory (lost at exit); Redis in cluster mode.")
  String store;

  @Option(names = "--redis", paramLabel = "URL",
      description = "Cluster mode: share sessions with other instances through Redis (redis://host:port; default: cluster.redis.url).")
  String redis;

  @Option(names = "--provider", paramLabel = "NAME|URL", description = "Model provider (default: the configured one; 'echo' works offline).")
  String provider;

  @Option(names = "--max-connections", paramLabel = "N") Integer maxConnections;
  @Option(names = "--max-frame-bytes", paramLabel = "BYTES") Integer maxFrameBytes;
  @Option(names = "--max-messages-per-second", paramLabel = "N") Integer maxMessagesPerSecond;
  @Option(names = "--batch-max-events", paramLabel = "N") Integer batchMaxEvents;
  @Option(names = "--batch-max-delay-millis", paramLabel = "MS") Long batchMaxDelayMillis;
  @Option(names = "--compression", paramLabel = "BOOL", arity = "1") Boolean compression;
  @Option(names = "--idle-timeout-millis", paramLabel = "MS") Long idleTimeoutMillis;
  @Option(names = "--slow-client-timeout-millis", paramLabel = "MS") Long slowClientTimeoutMillis;
  @Option(names = "--shutdown-timeout-millis", paramLabel = "MS") Long shutdownTimeoutMillis;
  @Option(names = "--io-threads", paramLabel = "N",
      description = "Event-loop threads serving connections (default: gateway.io_threads; 0 = one per core).")
  Integer ioThreads;

  @Override
  public Integer call() {
    AppContext context = root.context();
    GatewayConfig config = config(context.config().section(GatewayConfig.SECTION));
    long opening = System.nanoTime();
    Toolbox toolbox = Toolbox.open(context);
    // Plugin discovery is nearly all of opening the toolbox (MCP servers start in the background).
    var pluginLoad = new MetricSample.PluginLoad(toolbox.plugins().plugins().size(),
        Duration.ofNanos(System.nanoTime() - opening));
    // Hot reload: a changed, added or removed plugin jar is swapped after in-flight calls drain.
    AutoCloseable pluginWatch = toolbox.plugins().watch();
    ClusterConfig cluster = cluster(context.config().section(ClusterConfig.SECTION));
    var calls = new CountingToolInvoker(toolbox.invoker());
    GatewayServer server = GatewayWiring.server(context, config, toolbox, calls, store == null ? "jsonl" : store,
        provider, cluster, version());
    InetSocketAddress address = server.start();
    AlertMonitor alerts = ServeMonitoring.start(context, server, calls, pluginLoad);
    var stopped = new CountDownLatch(1);
    Runnable shutdown = () -> {
      alerts.close();
      server.close();
      closeQuietly(pluginWatch);
      toolbox.close();
    };
    Thread hook = new Thread(() -> {
      shutdown.run();
      stopped.countDown();
    }, "localagent-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    String base = "http://" + host + ":" + address.getPort();
    context.out().println("localagent gateway listening on " + base + " (WebSocket: ws://" + host + ":"
        + address.getPort() + "/v1/ws, protocol v1)");
    context.out().println("token: " + GatewayWiring.tokenFile(context, config)
        + " (send it in hello; it is never printed or put in a URL)");
    if (cluster.enabled()) {
      context.out().println("cluster mode: sessions shared through Redis at " + cluster.redisAddress()
          + "; /readyz fails while Redis is unreachable");
    }
    context.out().println("health " + base + "/healthz, metrics " + base + "/metrics; stop with Ctrl-C");
    context.out().flush();
    try {
      stopped.await();
      return ExitCode.OK.code();
    } catch (InterruptedException e) {
      // Stopped in-process (tests, embedding): the same graceful shutdown as SIGTERM.
      Runtime.getRuntime().removeShutdownHook(hook);
      shutdown.run();
      return ExitCode.INTERRUPTED.code();
    }
  }

  private static void closeQuietly(AutoCloseable watch) {
    try {
      watch.close();
    } catch (Exception e) {
      // Shutting down: the watcher thread ends with the process either way.
      LoggerFactory.getLogger(ServeCommand.class).debug("closing the plugin watcher failed", e);
    }
  }

  private ClusterConfig cluster(ClusterConfig base) {
    ClusterConfig cluster = redis == null ? base : base.withRedisUrl(redis);
    if (cluster.enabled() && store != null) {
      throw new LocalAgentException(GatewayErrors.BAD_CONFIG, "--store " + store + " does not apply in cluster mode",
          "cluster mode keeps sessions in Redis; drop --store, or drop --redis / cluster.redis.url");
    }
    return cluster;
  }

  private GatewayConfig config(GatewayConfig base) {
    try {
      GatewayConfigBuilder b = base.toBuilder();
      if (port != null) b.port(port);
      if (bind != null) b.bind(bind);
      if (tokenFile != null) b.tokenFile(tokenFile);
      if (maxConnections != null) b.maxConnections(maxConnections);
      if (maxFrameBytes != null) b.maxFrameBytes(maxFrameBytes);
      if (maxMessagesPerSecond != null) b.maxMessagesPerSecond(maxMessagesPerSecond);
      if (batchMaxEvents != null) b.batchMaxEvents(batchMaxEvents);
      if (batchMaxDelayMillis != null) b.batchMaxDelayMillis(batchMaxDelayMillis);
      if (compression != null) b.compression(compression);
      if (idleTimeoutMillis != null) b.idleTimeoutMillis(idleTimeoutMillis);
      if (slowClientTimeoutMillis != null) b.slowClientTimeoutMillis(slowClientTimeoutMillis);
      if (shutdownTimeoutMillis != null) b.shutdownTimeoutMillis(shutdownTimeoutMillis);
      if (ioThreads != null) b.ioThreads(ioThreads);
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new LocalAgentException(GatewayErrors.BAD_CONFIG, e.getMessage(), "see 'localagent serve --help'");
    }
  }

  private static String version() {
    String first = new VersionProvider().getVersion()[0];
    return first.substring(first.indexOf(' ') + 1);
  }
}
