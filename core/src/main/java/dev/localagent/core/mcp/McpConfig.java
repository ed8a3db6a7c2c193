package dev.localagent.core.mcp;

import dev.localagent.core.config.ConfigSection;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code mcp} section: MCP servers whose tools join the agent's tool registry as
 * {@code mcp.<server>.<tool>}.
 *
 * @param servers {@code servers}: each server by name (letters, digits, {@code -}, {@code _})
 * @param startupTimeout {@code startup_timeout}: how long a server may take from spawn (or first
 *     HTTP request) to its tool list before it is reported as failed
 * @param callTimeout {@code call_timeout}: how long one tool call may run
 */
public record McpConfig(Map<String, McpServerConfig> servers, Duration startupTimeout, Duration callTimeout) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private static final Duration DEFAULT_STARTUP = Duration.ofSeconds(30);
  private static final Duration DEFAULT_CALL = Duration.ofMinutes(2);

  public static final McpConfig DEFAULT = new McpConfig(Map.of(), DEFAULT_STARTUP, DEFAULT_CALL);

  public static final ConfigSection<McpConfig> SECTION = new ConfigSection<>("mcp", McpConfig.class, DEFAULT);

  public McpConfig {
    servers = servers == null ? Map.of() : new TreeMap<>(servers);
    for (String name : servers.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("server name '" + name
            + "' must be 1-32 letters, digits, '-' or '_' (it becomes part of tool names)");
      }
    }
    servers = Collections.unmodifiableMap(servers);
    startupTimeout = positive(startupTimeout, DEFAULT_STARTUP, "startup_timeout");
    callTimeout = positive(callTimeout, DEFAULT_CALL, "call_timeout");
  }

  private static Duration positive(Duration value, Duration fallback, String key) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive");
    }
    return value;
  }
}
