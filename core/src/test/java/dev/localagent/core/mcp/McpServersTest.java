package dev.localagent.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.testkit.McpTestServers;
import dev.localagent.core.tool.ToolRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpServersTest {
  @TempDir Path workdir;
  final ToolRegistry registry = new ToolRegistry();
  McpServers servers;

  @AfterEach
  void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  private McpServers open(Map<String, McpServerConfig> configured, Duration callTimeout) {
    servers = new McpServers(new McpConfig(configured, Duration.ofSeconds(30), callTimeout), System.getenv(),
        workdir, registry);
    return servers;
  }

  private ToolResult call(String tool, Map<String, Object> arguments) throws InterruptedException {
    var found = registry.find(tool);
    assertThat(found).as("tool %s registered; have %s", tool, registry.specs()).isPresent();
    return found.get().call(new ToolRequest("call-1", arguments, workdir), ToolOutput.DISCARD);
  }

  @Test
  void theEverythingServersToolsJoinTheRegistryWithTheirSchemasAndAnswerCalls() throws Exception {
    open(Map.of("everything", McpTestServers.everything()), Duration.ofSeconds(30));
    McpServerStatus status = servers.start("everything");

    assertThat(status.state()).isInstanceOfSatisfying(McpServerState.Running.class, running -> {
      assertThat(running.server()).contains("everything");
      assertThat(running.tools()).extracting(spec -> spec.name()).contains("mcp.everything.echo", "mcp.everything.get-sum");
    });
    assertThat(registry.find("mcp.everything.echo").orElseThrow().spec().parametersSchema())
        .contains("\"message\"").contains("\"type\":\"object\"");
    assertThat(call("mcp.everything.echo", Map.of("message", "hello mcp")))
        .isEqualTo(ToolResult.success("Echo: hello mcp"));
    assertThat(call("mcp.everything.get-sum", Map.of("a", 2, "b", 40)).content()).contains("is 42");
    // A tool with an output schema: the SDK validates the structured content before we see it.
    assertThat(call("mcp.everything.get-structured-content", Map.of("location", "Chicago")).content())
        .contains("\"temperature\":36");
  }

  @Test
  void argumentsTheServerRejectsComeBackAsAnErrorResultWithAStableCode() throws Exception {
    open(Map.of("everything", McpTestServers.everything()), Duration.ofSeconds(30));
    servers.start("everything");

    ToolResult result = call("mcp.everything.get-sum", Map.of("a", "not a number", "b", 1));

    assertThat(result.ok()).isFalse();
    assertThat(result.errorCode()).isEqualTo(McpErrors.TOOL_ERROR.id());
    assertThat(result.content()).contains("a");
  }

  @Test
  void aServerThatCrashesMidCallFailsThatCallAtOnceAndIsStartedAgainOnTheNextCall() throws Exception {
    open(Map.of("fragile", McpTestServers.crashServer(Map.of())), Duration.ofMinutes(5));
    servers.start("fragile");

    ToolResult crashed = call("mcp.fragile.crash", Map.of());

    assertThat(crashed.errorCode()).isEqualTo(McpErrors.CRASHED.id());
    assertThat(crashed.content()).contains("exited with status 3");
    assertThat(servers.statuses().getFirst().state()).isInstanceOfSatisfying(McpServerState.Failed.class,
        failed -> assertThat(failed.code()).isEqualTo(McpErrors.CRASHED));
    assertThat(call("mcp.fragile.ok", Map.of())).isEqualTo(ToolResult.success("still here"));
    assertThat(servers.statuses().getFirst().state()).isInstanceOf(McpServerState.Running.class);
  }

  @Test
  void serversThatCannotStartAreReportedWithTheirReasonAndTheOthersKeepWorking() throws Exception {
    open(Map.of(
        "refuses", McpTestServers.crashServer(Map.of("CRASH_AT_START", "1")),
        "missing", McpTestServers.stdio(List.of("no-such-mcp-server-program"), Map.of()),
        "good", McpTestServers.crashServer(Map.of())), Duration.ofSeconds(30));
    var failures = new CopyOnWriteArrayList<LocalAgentException>();

    servers.startInBackground(failures::add);

    assertThat(servers.awaitStartup(Duration.ofSeconds(60))).isTrue();
    assertThat(failures).extracting(e -> e.code()).containsOnly(McpErrors.START_FAILED).hasSize(2);
    assertThat(failures).anySatisfy(e -> assertThat(e.getMessage())
        .contains("MCP server 'refuses'", "exited with status 2", "refusing to start (CRASH_AT_START=1)"));
    assertThat(failures).anySatisfy(e -> assertThat(e.getMessage())
        .contains("MCP server 'missing'", "exited with status 127", "failed to execute no-such-mcp-server-program"));
    assertThat(registry.specs()).extracting(spec -> spec.name())
        .containsExactly("mcp.good.crash", "mcp.good.ok", "mcp.good.spawn");
    assertThat(call("mcp.good.ok", Map.of()).content()).isEqualTo("still here");
  }

  @Test
  void closingStopsTheServersWholeProcessTree() throws Exception {
    open(Map.of("parent", McpTestServers.crashServer(Map.of())), Duration.ofSeconds(30));
    servers.start("parent");
    long grandchild = Long.parseLong(call("mcp.parent.spawn", Map.of()).content());
    ProcessHandle sleeper = ProcessHandle.of(grandchild).orElseThrow();
    assertThat(sleeper.isAlive()).isTrue();

    servers.close();

    sleeper.onExit().get(10, TimeUnit.SECONDS);
    assertThat(sleeper.isAlive()).isFalse();
    assertThat(call("mcp.parent.ok", Map.of()).errorCode()).isEqualTo(McpErrors.CRASHED.id());
  }

  @Test
  void aCallPastTheCallTimeoutIsCancelledWithItsOwnCode() throws Exception {
    open(Map.of("everything", McpTestServers.everything()), Duration.ofMillis(500));
    servers.start("everything");

    ToolResult result = call("mcp.everything.trigger-long-running-operation", Map.of("duration", 30, "steps", 3));

    assertThat(result.errorCode()).isEqualTo(McpErrors.CALL_TIMEOUT.id());
    assertThat(result.content()).contains("no answer within 500ms");
    assertThat(call("mcp.everything.echo", Map.of("message", "after")).content()).isEqualTo("Echo: after");
  }

  @Test
  void aStreamableHttpServerServesToolsLikeAStdioOneAndLosingItIsACrash() throws Exception {
    Process http = new ProcessBuilder("node", "mcp-crash-server.mjs", "--http", "0")
        .directory(McpTestServers.nodeDir().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String ready = new BufferedReader(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(ready).as("the HTTP server's first line").startsWith("listening ");
      open(Map.of("remote", McpTestServers.http("http://127.0.0.1:" + ready.substring(10) + "/mcp")),
          Duration.ofSeconds(30));
      servers.start("remote");
      assertThat(call("mcp.remote.ok", Map.of())).isEqualTo(ToolResult.success("still here"));

      http.destroyForcibly();
      http.waitFor();

      ToolResult lost = call("mcp.remote.ok", Map.of());
      assertThat(lost.errorCode()).isEqualTo(McpErrors.CRASHED.id());
      assertThat(lost.content()).contains("connection failed");
      assertThat(servers.statuses().getFirst().state()).isInstanceOf(McpServerState.Failed.class);
    } finally {
      http.destroyForcibly();
    }
  }

  @Test
  void anUnknownServerNameIsANotFoundErrorListingTheConfiguredOnes() {
    open(Map.of("everything", McpTestServers.everything()), Duration.ofSeconds(30));

    assertThatThrownBy(() -> servers.start("nope")).isInstanceOfSatisfying(LocalAgentException.class, e -> {
      assertThat(e.code()).isEqualTo(McpErrors.UNKNOWN_SERVER);
      assertThat(e.getMessage()).contains("'nope'");
      assertThat(e.hint()).contains("everything");
    });
  }
}
