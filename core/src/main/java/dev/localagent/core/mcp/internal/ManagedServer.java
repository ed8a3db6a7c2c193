package dev.localagent.core.mcp.internal;

import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.mcp.McpErrors;
import dev.localagent.core.mcp.McpServerConfig;
import dev.localagent.core.mcp.McpServerState;
import dev.localagent.core.tool.ToolRegistry;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured MCP server over the life of the process: starts it when asked, registers its
 * tools, notices when it dies and starts it again on the next call, at most {@link #MAX_STARTS}
 * times, so a server that keeps crashing cannot hold every turn up.
 */
public final class ManagedServer {
  static final int MAX_STARTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ManagedServer.class);

  /** What every server of a process shares. */
  public record Launch(Map<String, String> env, Path workdir, Duration startupTimeout, Duration callTimeout,
      ToolRegistry registry) {}

  private final String name;
  private final McpServerConfig config;
  private final Launch launch;
  private final Set<String> registered = new HashSet<>(); // Guarded by this.
  private volatile McpServerState state;
  private McpConnection connection; // Guarded by this.
  private int starts; // Guarded by this.
  private volatile boolean closed;
  private volatile Thread starter;

  public ManagedServer(String name, McpServerConfig config, Launch launch) {
    this.name = name;
    this.config = config;
    this.launch = launch;
    this.state = config.enabled() ? new McpServerState.Idle() : new McpServerState.Disabled();
  }

  public String name() {
    return name;
  }

  public McpServerConfig config() {
    return config;
  }

  public McpServerState state() {
    return state;
  }

  /**
   * The live connection, starting the server first if it is not running.
   *
   * @throws LocalAgentException {@link McpErrors#START_FAILED}, or {@link McpErrors#CRASHED}
   *     once it has been started {@link #MAX_STARTS} times
   */
  public synchronized McpConnection running() throws InterruptedException {
    if (connection != null && connection.alive()) {
      return connection;
    }
    drop();
    if (closed) {
      throw new LocalAgentException(McpErrors.CRASHED, "MCP server '" + name + "' is stopped", "");
    }
    if (starts >= MAX_STARTS) {
      String last = state instanceof McpServerState.Failed failed ? failed.message() + "; " : "";
      throw new LocalAgentException(McpErrors.CRASHED, last + "not started again after " + starts + " starts",
          "fix the server, then restart localagent; 'localagent mcp test " + name + "' shows why it fails");
    }
    starts++;
    state = new McpServerState.Starting();
    long begin = System.nanoTime();
    starter = Thread.currentThread();
    try {
      McpConnection opened = McpConnection.open(name, config, environment(), launch.workdir(),
          launch.startupTimeout(), launch.callTimeout());
      connection = opened;
      List<ToolSpec> specs = register(opened.tools());
      var info = opened.info();
      String server = info.serverInfo() == null ? "?" : info.serverInfo().name() + " " + info.serverInfo().version();
      state = new McpServerState.Running(server, info.protocolVersion(), specs, Duration.ofNanos(System.nanoTime() - begin));
      LOG.info("MCP server '{}' ({}) running with {} tool(s) after {} ms", name, server, specs.size(),
          (System.nanoTime() - begin) / 1_000_000);
      opened.lost().thenAccept(reason -> lost(opened, reason));
      return opened;
    } catch (LocalAgentException e) {
      state = new McpServerState.Failed(e.code(), e.getMessage());
      LOG.warn("[{}] {}", e.code().id(), e.getMessage());
      throw e;
    } catch (InterruptedException e) {
      state = new McpServerState.Failed(McpErrors.START_FAILED, "MCP server '" + name + "': start interrupted");
      throw e;
    } finally {
      starter = null;
    }
  }

  /** A call found the connection broken (an HTTP server went away): reconnect on the next call. */
  void callFailed(McpConnection failed, Calls.CallFailure failure) {
    if (failure.code() == McpErrors.CRASHED) {
      lost(failed, failure.getMessage());
    }
  }

  private void lost(McpConnection which, String reason) {
    synchronized (this) {
      if (closed || connection != which) {
        return;
      }
      String next = starts < MAX_STARTS ? "; it is started again on the next call" : "";
      state = new McpServerState.Failed(McpErrors.CRASHED, "MCP server '" + name + "' " + reason + next);
    }
    LOG.warn("[{}] MCP server '{}' {}", McpErrors.CRASHED.id(), name, reason);
  }

  private void drop() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private List<ToolSpec> register(List<McpSchema.Tool> tools) {
    registered.forEach(launch.registry()::unregister);
    registered.clear();
    var specs = new ArrayList<ToolSpec>();
    for (McpSchema.Tool tool : tools) {
      ToolSpec spec = new ToolSpec("mcp." + name + "." + tool.name(), description(tool), schema(tool));
      try {
        launch.registry().register(new McpTool(this, tool.name(), spec, launch.callTimeout()));
        registered.add(spec.name());
        specs.add(spec);
      } catch (IllegalArgumentException e) {
        LOG.warn("MCP server '{}': tool '{}' not registered: {}", name, tool.name(), e.getMessage());
      }
    }
    return specs;
  }

  private static String description(McpSchema.Tool tool) {
    if (tool.description() != null && !tool.description().isBlank()) {
      return tool.description();
    }
    return tool.title() == null ? "" : tool.title();
  }

  private static String schema(McpSchema.Tool tool) {
    try {
      return tool.inputSchema() == null ? null : McpConnection.JSON.writeValueAsString(tool.inputSchema());
    } catch (IOException e) {
      return null;
    }
  }

  private Map<String, String> environment() {
    var env = new java.util.LinkedHashMap<>(launch.env());
    config.env().forEach((key, secret) -> env.put(key, secret.reveal()));
    return env;
  }

  /** Stops the server (its whole process tree); later calls fail with {@link McpErrors#CRASHED}. */
  public void close() {
    closed = true;
    Thread starting = starter;
    if (starting != null) {
      starting.interrupt(); // A start under way stops what it spawned and gives the lock up.
    }
    McpConnection open;
    synchronized (this) {
      open = connection;
      connection = null;
    }
    if (open != null) {
      open.close();
    }
  }
}
