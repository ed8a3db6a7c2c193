package dev.localagent.core.testkit;

import dev.localagent.core.config.Secret;
import dev.localagent.core.mcp.McpServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real MCP servers from npm for tests (testkit/node, installed by {@code npm ci}):
 * {@code @modelcontextprotocol/server-everything} and a small crashing server written with the
 * official TypeScript SDK ({@code mcp-crash-server.mjs}). Paths work from any module directory.
 */
public final class McpTestServers {
  private McpTestServers() {}

  /** testkit/node, checked to have its node_modules. */
  public static Path nodeDir() {
    Path dir = Path.of("..", "testkit", "node").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/server-everything"))) {
      throw new IllegalStateException("run 'npm ci' in " + dir + " first (scripts/test does)");
    }
    return dir;
  }

  /** The entry script of server-everything. */
  public static Path everythingScript() {
    return nodeDir().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
  }

  /** server-everything over stdio: echo, get-sum, trigger-long-running-operation, ... */
  public static McpServerConfig everything() {
    return stdio(List.of("node", everythingScript().toString(), "stdio"), Map.of());
  }

  /** The crashing server: tools ok, crash, spawn; {@code CRASH_AT_START=1} makes it exit at once. */
  public static McpServerConfig crashServer(Map<String, String> env) {
    return stdio(List.of("node", nodeDir().resolve("mcp-crash-server.mjs").toString()), env);
  }

  public static McpServerConfig stdio(List<String> command, Map<String, String> env) {
    var secrets = new java.util.LinkedHashMap<String, Secret>();
    env.forEach((key, value) -> secrets.put(key, Secret.of(value, "test")));
    return new McpServerConfig(command, secrets, null, null, null);
  }

  public static McpServerConfig http(String url) {
    return new McpServerConfig(null, null, url, null, null);
  }
}
