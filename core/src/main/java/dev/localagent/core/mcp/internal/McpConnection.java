package dev.localagent.core.mcp.internal;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.mcp.McpErrors;
import dev.localagent.core.mcp.McpServerConfig;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapperSupplier;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One live session with an MCP server: the transport (a process on stdio, or streamable HTTP),
 * the SDK's async client, the handshake result and the tool list. Opening either returns a
 * connection that has listed its tools or throws {@link McpErrors#START_FAILED} having stopped
 * whatever it started.
 */
public final class McpConnection implements AutoCloseable {
  static final McpJsonMapper JSON = new JacksonMcpJsonMapperSupplier().get();

  private final McpAsyncClient client;
  private final McpClientTransport transport;
  private final CompletableFuture<String> lost;
  private final Duration lostGrace;
  private final McpSchema.InitializeResult info;
  private final List<McpSchema.Tool> tools;

  private McpConnection(McpAsyncClient client, McpClientTransport transport, CompletableFuture<String> lost,
      McpSchema.InitializeResult info, List<McpSchema.Tool> tools) {
    this.client = client;
    this.transport = transport;
    this.lost = lost;
    this.lostGrace = lostGrace(transport);
    this.info = info;
    this.tools = List.copyOf(tools);
  }

  /**
   * Starts or connects to the server, does the MCP handshake and lists its tools.
   *
   * @param env the environment of a stdio server (already scrubbed of our secrets, plus its own)
   */
  public static McpConnection open(String name, McpServerConfig config, Map<String, String> env, Path workdir,
      Duration startupTimeout, Duration callTimeout) throws InterruptedException {
    var lost = new CompletableFuture<String>();
    StdioTransport stdio = null;
    McpClientTransport transport;
    if (config.stdio()) {
      stdio = new StdioTransport(name, config.command(), env, workdir, JSON);
      stdio.lost().whenComplete((reason, error) -> lost.complete(reason));
      transport = stdio;
    } else {
      transport = http(config);
    }
    McpAsyncClient client = McpClient.async(transport)
        .clientInfo(new McpSchema.Implementation("localagent", "LocalAgent", version()))
        .initializationTimeout(startupTimeout)
        .jsonSchemaValidator(LazySchemaValidator.INSTANCE)
        // Our own deadlines (Calls) fire first and cancel; this only bounds a forgotten request.
        // It applies to initialize and tools/list too, so it must outlast the start-up deadline:
        // a short call_timeout once failed a slow start long before startup_timeout.
        .requestTimeout(longer(startupTimeout, callTimeout).plusSeconds(5))
        .build();
    try {
      var deadline = System.nanoTime() + startupTimeout.toNanos();
      McpSchema.InitializeResult info =
          Calls.await(client.initialize().toFuture(), lost, remaining(deadline), lostGrace(transport));
      List<McpSchema.Tool> tools = listTools(client, lost, deadline, lostGrace(transport));
      return new McpConnection(client, transport, lost, info, tools);
    } catch (Calls.CallFailure failure) {
      String stderr = stdio == null ? "" : stdio.stderrTail();
      abandon(client, stdio);
      throw startFailed(name, config, failure.getMessage(), stderr);
    } catch (InterruptedException | RuntimeException e) {
      abandon(client, stdio);
      throw e;
    }
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void abandon(McpAsyncClient client, StdioTransport stdio) {
    client.close();
    if (stdio != null) {
      stdio.stop();
    }
  }

  private static List<McpSchema.Tool> listTools(McpAsyncClient client, CompletableFuture<String> lost, long deadline,
      Duration lostGrace) throws InterruptedException, Calls.CallFailure {
    var tools = new ArrayList<McpSchema.Tool>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page =
          Calls.await(client.listTools(cursor).toFuture(), lost, remaining(deadline), lostGrace);
      tools.addAll(page.tools());
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return tools;
  }

  /** A process's exit explains a broken pipe; an HTTP server has no exit to wait for. */
  private static Duration lostGrace(McpClientTransport transport) {
    return transport instanceof StdioTransport ? ProcessTrees.GRACE.multipliedBy(4) : Duration.ZERO;
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
  }

  private static LocalAgentException startFailed(String name, McpServerConfig config, String reason, String stderr) {
    String message = "MCP server '" + name + "' (" + config.target() + ") did not start: " + reason
        + (stderr.isBlank() ? "" : "; its stderr ended with:\n" + indent(stderr));
    return new LocalAgentException(McpErrors.START_FAILED, message,
        "check mcp.servers." + name + " in config.yaml, then 'localagent mcp test " + name + "'");
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  private static McpClientTransport http(McpServerConfig config) {
    URI uri = URI.create(config.url());
    String base = uri.getScheme() + "://" + uri.getRawAuthority();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mcp" : uri.getRawPath();
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    config.headers().forEach((key, secret) -> headers.put(key, secret.reveal()));
    return HttpClientStreamableHttpTransport.builder(base)
        .endpoint(path)
        .jsonMapper(JSON)
        .httpRequestCustomizer((request, method, target, body, context) -> headers.forEach(request::header))
        .build();
  }

  private static String version() {
    String version = McpConnection.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  public McpSchema.InitializeResult info() {
    return info;
  }

  public List<McpSchema.Tool> tools() {
    return tools;
  }

  /** Completes with a reason when the server process died (stdio only). */
  public CompletableFuture<String> lost() {
    return lost;
  }

  public boolean alive() {
    return !lost.isDone();
  }

  /**
   * Calls one tool and waits for the result, the server's death, or {@code timeout}.
   *
   * @throws Calls.CallFailure with a stable code when there is no result
   */
  public CallToolResult call(String tool, Map<String, Object> arguments, Duration timeout)
      throws InterruptedException, Calls.CallFailure {
    return Calls.await(client.callTool(new McpSchema.CallToolRequest(tool, arguments)).toFuture(), lost, timeout,
        lostGrace);
  }

  @Override
  public void close() {
    lost.complete("stopped");
    try {
      client.closeGracefully().block(ProcessTrees.GRACE.multipliedBy(3));
    } catch (RuntimeException e) {
      client.close();
    }
    if (transport instanceof StdioTransport stdio) {
      stdio.stop();
    }
  }
}
