package dev.localagent.gateway.internal;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.agent.AgentEngine;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.gateway.GatewayConfig;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/** A server context for handler tests that need no socket. */
final class TestServers {
  private TestServers() {}

  static ServerContext context(GatewayConfig config) {
    AgentEngine refusing = new AgentEngine() {
      @Override
      public Outcome submit(String sessionId, dev.localagent.core.agent.Submission submission) {
        return Outcome.refused("LA-GATEWAY-005", "no engine in handler tests");
      }

      @Override
      public void close() {}
    };
    var services = new ServerContext.Services(new InMemorySessionStore(), refusing,
        invocation -> ToolResult.error("LA-TOOL-002", "none"), new ToolRegistry(), Path.of("."));
    return new ServerContext(config, services, "token", "test",
        new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), Executors.newVirtualThreadPerTaskExecutor());
  }
}
