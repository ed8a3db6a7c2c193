package dev.localagent.core.testkit;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolInvocation;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import java.util.Set;

/**
 * A minimal invoker for engine tests: finds the tool, asks the approver for the tools named as
 * risky, runs it. The product's chain (policy, audit) belongs to the tools engineer.
 */
public final class RegistryInvoker implements ToolInvoker {
  private final ToolRegistry registry;
  private final Set<String> askFor;

  public RegistryInvoker(ToolRegistry registry, Set<String> askFor) {
    this.registry = registry;
    this.askFor = askFor;
  }

  @Override
  public ToolResult invoke(ToolInvocation invocation) throws InterruptedException {
    var call = invocation.call();
    var tool = registry.find(call.name());
    if (tool.isEmpty()) {
      return ToolResult.error("LA-TEST-010", "no tool named " + call.name());
    }
    if (askFor.contains(call.name())) {
      Decision decision = invocation.approver().ask(call.id(), call.name(), call.name() + " " + call.arguments());
      if (decision == Decision.DENY) {
        return ToolResult.error("LA-TEST-011", "denied by the user");
      }
    }
    return tool.get().call(new ToolRequest(call.id(), call.arguments(), invocation.workdir()), invocation.output());
  }
}
