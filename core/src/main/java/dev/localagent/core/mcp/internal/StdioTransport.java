package dev.localagent.core.mcp.internal;

import dev.localagent.core.process.ProcessGroups;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The stdio transport of one MCP server process: newline-delimited JSON-RPC on its stdin and
 * stdout. Written here rather than taken from the SDK's {@code StdioClientTransport} because
 * that one hides its process: we need the pid to kill the whole process tree, and the moment
 * the process dies, so calls in flight fail at once instead of waiting for their timeout.
 */
public final class StdioTransport implements McpClientTransport {
  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

  private final String server;
  private final List<String> argv;
  private final Map<String, String> env;
  private final Path workdir;
  private final McpJsonMapper json;
  private final StderrTail stderr = new StderrTail(20);
  private final CompletableFuture<String> lost = new CompletableFuture<>();
  private final Object writeLock = new Object();
  private volatile Process process;
  private volatile boolean closing;
  private OutputStream stdin; // Guarded by writeLock.

  public StdioTransport(String server, List<String> argv, Map<String, String> env, Path workdir, McpJsonMapper json) {
    this.server = server;
    this.argv = List.copyOf(argv);
    this.env = Map.copyOf(env);
    this.workdir = workdir;
    this.json = json;
  }

  /** Completes with a reason when the process exits or closes its output. */
  public CompletableFuture<String> lost() {
    return lost;
  }

  /** The last lines the server wrote to stderr, for error messages. */
  public String stderrTail() {
    return stderr.text();
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> start(handler));
  }

  private void start(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    var builder = new ProcessBuilder(ProcessGroups.inNewGroup(argv))
        .directory(workdir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process started;
    try {
      started = builder.start();
    } catch (IOException e) {
      lost.complete("could not be started: " + e.getMessage());
      throw new UncheckedIOException(e);
    }
    synchronized (writeLock) {
      stdin = started.getOutputStream();
    }
    process = started;
    LOG.debug("MCP server '{}' started as pid {}", server, started.pid());
    Thread stderrReader = Thread.ofVirtual().name("mcp-" + server + "-stderr").start(() -> readStderr(started));
    Thread.ofVirtual().name("mcp-" + server + "-stdout").start(() -> {
      readMessages(started, handler);
      ended(started, stderrReader);
    });
    started.onExit().thenRun(() -> ended(started, stderrReader));
  }

  /**
   * The server closed its output or exited: says which, once its last stderr lines are read
   * (they usually say why).
   */
  private void ended(Process started, Thread stderrReader) {
    try {
      started.waitFor(ProcessTrees.GRACE.toMillis(), TimeUnit.MILLISECONDS);
      stderrReader.join(ProcessTrees.GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lost.complete(started.isAlive() ? "closed its output" : "exited with status " + started.exitValue());
  }

  private void readMessages(Process started, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    try (var reader = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JSONRPCMessage message;
        try {
          message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | IllegalArgumentException e) {
          // Some servers print banners on stdout; skip what is not JSON-RPC rather than die.
          LOG.debug("MCP server '{}' wrote a line that is not JSON-RPC: {}", server, abbreviate(line));
          continue;
        }
        handler.apply(Mono.just(message)).subscribe(null,
            error -> LOG.debug("MCP server '{}': handling a message failed", server, error));
      }
    } catch (IOException e) {
      LOG.debug("MCP server '{}': reading stdout failed", server, e);
    }
  }

  private void readStderr(Process started) {
    try (var reader = new BufferedReader(new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        stderr.add(line);
        LOG.debug("MCP server '{}' stderr: {}", server, abbreviate(line));
      }
    } catch (IOException e) {
      // The process is gone; what it wrote before is kept.
    }
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    return Mono.fromRunnable(() -> write(message));
  }

  private void write(JSONRPCMessage message) {
    try {
      byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (writeLock) {
        if (stdin == null) {
          throw new IOException("the server process is not running");
        }
        stdin.write(line);
        stdin.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("sending to MCP server '" + server + "' failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::stop);
  }

  /** Closes stdin (a well-behaved server exits), then kills the whole process tree. */
  public void stop() {
    if (closing) {
      return;
    }
    closing = true;
    synchronized (writeLock) {
      if (stdin != null) {
        try {
          stdin.close();
        } catch (IOException e) {
          // Already closed by the other side.
        }
      }
    }
    Process started = process;
    if (started != null) {
      ProcessTrees.stop(started, ProcessTrees.GRACE);
    }
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
    return json.convertValue(data, type);
  }

  private static String abbreviate(String line) {
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }
}
