package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.McpTestServers;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.testkit.Reply.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mcp commands and MCP tools in real turns, against real MCP servers from npm. */
class McpCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path home;
  FakeModelServer model;

  @BeforeEach
  void start() throws Exception {
    model = FakeModelServer.start();
    String node = McpTestServers.nodeDir().toString();
    writeConfig("""
        mcp:
          servers:
            everything:
              command: [node, "%s", stdio]
              env: {EVERYTHING_TOKEN: "not-for-printing-1234"}
            fragile:
              command: [node, "%s/mcp-crash-server.mjs"]
            refuses:
              command: [node, "%s/mcp-crash-server.mjs"]
              env: {CRASH_AT_START: "1"}
              enabled: false
            remote:
              url: http://127.0.0.1:9/mcp
              enabled: false
        """.formatted(McpTestServers.everythingScript(), node, node));
  }

  @AfterEach
  void stop() {
    model.close();
  }

  private void writeConfig(String yaml) throws IOException {
    Path file = home.resolve("config/localagent/config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  private static List<JsonNode> lines(String out) throws IOException {
    var lines = new ArrayList<JsonNode>();
    for (String line : out.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void mcpListShowsEveryConfiguredServerWithoutStartingItOrPrintingEnvValues() throws Exception {
    var result = CliRun.run(home, "mcp", "list", "--json");

    assertThat(result.exitCode()).isZero();
    JsonNode rows = JSON.readTree(result.out());
    assertThat(rows).extracting(row -> row.get("name").asText()).containsExactly("everything", "fragile", "refuses", "remote");
    assertThat(rows.get(0).get("env").asText()).isEqualTo("EVERYTHING_TOKEN");
    assertThat(rows.get(3).get("transport").asText()).isEqualTo("http");
    assertThat(rows.get(3).get("enabled").asText()).isEqualTo("no");
    assertThat(result.out()).doesNotContain("not-for-printing-1234");
  }

  @Test
  void mcpToolsListsTheToolsUnderTheNamesTheAgentUsesWithTheirSchemas() throws Exception {
    var result = CliRun.run(home, "mcp", "tools", "everything", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode tools = JSON.readTree(result.out()).get("tools");
    JsonNode echo = null;
    for (JsonNode tool : tools) {
      if (tool.get("name").asText().equals("mcp.everything.echo")) {
        echo = tool;
      }
    }
    assertThat(echo).as("mcp.everything.echo in %s", tools).isNotNull();
    assertThat(echo.at("/input_schema/properties/message/type").asText()).isEqualTo("string");
  }

  @Test
  void mcpTestOfAServerThatCannotStartExitsOneWithItsCodeAndWhatTheServerSaid() {
    var result = CliRun.run(home, "mcp", "test", "refuses");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("error[LA-MCP-002]", "MCP server 'refuses'", "exited with status 2",
        "refusing to start", "localagent mcp test refuses").doesNotContain("at dev.localagent");
  }

  @Test
  void mcpTestOfAWorkingServerReportsItsHandshake() throws Exception {
    var result = CliRun.run(home, "mcp", "test", "fragile", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.get("ok").asBoolean()).isTrue();
    assertThat(report.get("server").asText()).isEqualTo("crash-server 1.0.0");
    assertThat(report.get("tools").asInt()).isEqualTo(3);
  }

  @Test
  void mcpTestOfAnUnknownServerExitsEightNamingTheConfiguredOnes() {
    var result = CliRun.run(home, "mcp", "test", "nope");

    assertThat(result.exitCode()).isEqualTo(8);
    assertThat(result.err()).contains("error[LA-MCP-001]", "'nope'", "everything, fragile, refuses, remote");
  }

  @Test
  void aRunTurnCallsAnMcpToolThroughTheRealToolChainAndTheModelSeesItsResult() throws Exception {
    model.enqueue(Reply.openAiToolCalls(5, new Call("m1", "mcp_everything_echo", "{\"message\":\"from the model\"}")),
        Reply.openAiText("done"));

    var result = CliRun.run(home, "run", "--json", "--approve", "all", "--provider", model.openAiUrl(), "echo it");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode finished = lines(result.out()).stream().filter(l -> l.get("type").asText().equals("tool.result"))
        .findFirst().orElseThrow();
    assertThat(finished.get("tool").asText()).isEqualTo("mcp.everything.echo");
    assertThat(finished.get("ok").asBoolean()).isTrue();
    assertThat(finished.get("content").asText()).isEqualTo("Echo: from the model");
    JsonNode offered = model.chatRequests().getFirst().body().get("tools");
    assertThat(offered.findValuesAsText("name")).contains("mcp_everything_echo", "mcp_fragile_crash", "fs_read")
        .noneMatch(name -> name.startsWith("mcp_refuses"));
    JsonNode second = model.chatRequests().get(1).body().get("messages");
    assertThat(second.get(second.size() - 1).get("content").asText()).contains("Echo: from the model");
  }

  @Test
  void mcpToolsAskForApprovalByDefaultSoRunDeniesThemWithoutApproveAll() {
    model.enqueue(Reply.openAiToolCalls(5, new Call("m1", "mcp_everything_echo", "{\"message\":\"x\"}")));

    var result = CliRun.run(home, "run", "--provider", model.openAiUrl(), "echo it");

    assertThat(result.exitCode()).isEqualTo(6);
    assertThat(result.out()).contains("approve mcp.everything.echo", "deny");
  }

  @Test
  void aServerCrashingMidCallFailsThatCallWithItsCodeAndTheTurnGoesOn() throws Exception {
    model.enqueue(Reply.openAiToolCalls(5, new Call("c1", "mcp_fragile_crash", "{}")),
        Reply.openAiToolCalls(5, new Call("c2", "mcp_fragile_ok", "{}")),
        Reply.openAiText("recovered"));

    var result = CliRun.run(home, "run", "--json", "--approve", "all", "--provider", model.openAiUrl(), "crash it");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> results = lines(result.out()).stream()
        .filter(l -> l.get("type").asText().equals("tool.result")).toList();
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("errorCode").asText()).isEqualTo("LA-MCP-003");
    assertThat(results.get(0).get("content").asText()).contains("exited with status 3");
    assertThat(results.get(1).get("ok").asBoolean()).isTrue();
    assertThat(results.get(1).get("content").asText()).isEqualTo("still here");
    assertThat(lines(result.out()).getLast().get("reason").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aServerWithNeitherCommandNorUrlIsAConfigErrorNamingTheKey() throws Exception {
    writeConfig("""
        mcp:
          servers:
            empty: {enabled: true}
        """);

    var result = CliRun.run(home, "mcp", "list");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("mcp.servers", "give either command (an argv list) or url");
  }
}
