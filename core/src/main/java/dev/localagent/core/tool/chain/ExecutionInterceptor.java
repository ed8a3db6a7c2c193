package dev.localagent.core.tool.chain;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolErrors;
import dev.localagent.core.tool.ToolInvocation;

/** Last link: runs the tool; a tool that throws or returns null becomes an error naming it. */
final class ExecutionInterceptor implements ToolInterceptor {
  @Override
  public ToolResult intercept(Chain chain) throws InterruptedException {
    ToolInvocation invocation = chain.invocation();
    Tool tool = chain.notes().tool();
    var request = new ToolRequest(invocation.call().id(), invocation.call().arguments(), invocation.workdir());
    ToolResult result;
    try {
      result = tool.call(request, invocation.output());
    } catch (RuntimeException e) {
      return ToolResult.error(ToolErrors.CONTRACT.id(), "tool '" + tool.spec().name()
          + "' broke its contract: it threw " + e + " instead of returning an error result");
    }
    if (result == null) {
      return ToolResult.error(ToolErrors.CONTRACT.id(),
          "tool '" + tool.spec().name() + "' broke its contract: it returned null");
    }
    return result;
  }
}
