package dev.localagent.core.monitor;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolInvocation;
import dev.localagent.core.tool.ToolInvoker;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts tool calls and their failures for the error-rate alert. A call denied by policy or by
 * a person is not a failure (the system did what it was told); an error result of the tool
 * itself is.
 */
public final class CountingToolInvoker implements ToolInvoker {
  private final ToolInvoker next;
  private final LongAdder calls = new LongAdder();
  private final LongAdder failures = new LongAdder();

  public CountingToolInvoker(ToolInvoker next) {
    this.next = next;
  }

  @Override
  public ToolResult invoke(ToolInvocation invocation) throws InterruptedException {
    ToolResult result = next.invoke(invocation);
    calls.increment();
    if (!result.ok() && !result.errorCode().startsWith("LA-POLICY-")) {
      failures.increment();
    }
    return result;
  }

  public long calls() {
    return calls.sum();
  }

  public long failures() {
    return failures.sum();
  }
}
