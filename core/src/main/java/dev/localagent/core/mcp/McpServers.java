package dev.localagent.core.mcp;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.mcp.internal.ManagedServer;
import dev.localagent.core.policy.Secrets;
import dev.localagent.core.tool.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The MCP servers of one process. Their tools join the {@link ToolRegistry} as
 * {@code mcp.<server>.<tool>} once a server is up; a server that fails to start or crashes is
 * reported with an LA-MCP code and leaves the others and the built-in tools working. Nothing
 * starts on construction: {@link #startInBackground} starts the enabled servers on virtual
 * threads, {@link #start} one server now. {@link #close} stops every process tree, also on
 * SIGTERM/Ctrl-C through a shutdown hook.
 */
public final class McpServers implements AutoCloseable {
  private final Map<String, ManagedServer> servers = new LinkedHashMap<>();
  private final CountDownLatch started;
  private final Thread shutdownHook = new Thread(this::stopAll, "localagent-mcp-shutdown");
  private boolean hooked; // Guarded by this.

  /**
   * @param env this process's environment; servers get it without secret-named variables, plus
   *     their configured {@code env}
   * @param workdir the servers' working directory
   */
  public McpServers(McpConfig config, Map<String, String> env, Path workdir, ToolRegistry registry) {
    var launch = new ManagedServer.Launch(Secrets.scrubEnvironment(env), workdir, config.startupTimeout(),
        config.callTimeout(), registry);
    config.servers().forEach((name, server) -> servers.put(name, new ManagedServer(name, server, launch)));
    started = new CountDownLatch((int) config.servers().values().stream().filter(McpServerConfig::enabled).count());
  }

  /** True when no server is enabled: nothing will start. */
  public boolean isEmpty() {
    return started.getCount() == 0;
  }

  /**
   * Starts every enabled server on its own virtual thread and returns at once.
   *
   * @param onFailure told about each server that fails to start (an {@link McpErrors} code)
   */
  public void startInBackground(Consumer<LocalAgentException> onFailure) {
    for (ManagedServer server : servers.values()) {
      if (server.config().enabled()) {
        hookShutdown();
        Thread.ofVirtual().name("mcp-start-" + server.name()).start(() -> {
          try {
            server.running();
          } catch (LocalAgentException e) {
            onFailure.accept(e);
          } catch (InterruptedException e) {
            // Closed while starting.
          } finally {
            started.countDown();
          }
        });
      }
    }
  }

  /** Waits until every server started in the background is running or has failed. */
  public boolean awaitStartup(Duration timeout) throws InterruptedException {
    return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts one server now (even a disabled one: it was asked for by name) and returns its state.
   *
   * @throws LocalAgentException {@link McpErrors#UNKNOWN_SERVER} or {@link McpErrors#START_FAILED}
   */
  public McpServerStatus start(String name) throws InterruptedException {
    ManagedServer server = servers.get(name);
    if (server == null) {
      throw new LocalAgentException(McpErrors.UNKNOWN_SERVER, "no MCP server named '" + name + "' is configured",
          servers.isEmpty() ? "add one under mcp.servers in config.yaml (see docs/MCP.md)"
              : "configured: " + String.join(", ", servers.keySet()));
    }
    hookShutdown();
    server.running();
    return status(server);
  }

  /** Every configured server and its state, in name order. */
  public List<McpServerStatus> statuses() {
    var out = new ArrayList<McpServerStatus>(servers.size());
    servers.values().forEach(server -> out.add(status(server)));
    return out;
  }

  private static McpServerStatus status(ManagedServer server) {
    return new McpServerStatus(server.name(), server.config(), server.state());
  }

  private synchronized void hookShutdown() {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      hooked = true;
    }
  }

  /** Stops every server's process tree, in parallel. */
  @Override
  public void close() {
    synchronized (this) {
      if (hooked) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // Already shutting down: the hook runs stopAll itself.
        }
        hooked = false;
      }
    }
    stopAll();
  }

  private void stopAll() {
    var stopping = new ArrayList<Thread>();
    for (ManagedServer server : servers.values()) {
      stopping.add(Thread.ofVirtual().name("mcp-stop-" + server.name()).start(server::close));
    }
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
