package dev.localagent.core.mcp;

/** One configured server and its current state. */
public record McpServerStatus(String name, McpServerConfig config, McpServerState state) {}
