package dev.localagent.core.mcp;

import dev.localagent.core.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One MCP server under {@code mcp.servers.<name>}: either a local process speaking stdio
 * ({@code command}) or a streamable-HTTP endpoint ({@code url}).
 *
 * @param command {@code command}: the argv, program first; no shell is involved
 * @param env {@code env}: variables added to the server's environment (values may be secrets:
 *     {@code ${VAR}}, {@code {env: VAR}}, {@code {file: path}})
 * @param url {@code url}: a streamable-HTTP endpoint, e.g. {@code http://127.0.0.1:3001/mcp}
 * @param headers {@code headers}: HTTP headers sent with every request (e.g. Authorization)
 * @param enabled {@code enabled}: false keeps the entry but never starts the server
 */
public record McpServerConfig(
    List<String> command, Map<String, Secret> env, String url, Map<String, Secret> headers, Boolean enabled) {

  public McpServerConfig {
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    url = url == null ? "" : url.strip();
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    enabled = enabled == null || enabled;
    if (command.isEmpty() == url.isEmpty()) {
      throw new IllegalArgumentException("give either command (an argv list) or url, not "
          + (command.isEmpty() ? "neither" : "both"));
    }
    if (!command.isEmpty() && command.getFirst().isBlank()) {
      throw new IllegalArgumentException("command must start with a program name");
    }
    if (!url.isEmpty()) {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("url must be http:// or https://, found '" + url + "'");
      }
    }
  }

  /** True for a local process, false for an HTTP endpoint. */
  public boolean stdio() {
    return !command.isEmpty();
  }

  /** What to show a person: the argv or the URL (never env or header values). */
  public String target() {
    return stdio() ? String.join(" ", command) : url;
  }
}
