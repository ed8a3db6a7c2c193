package dev.localagent.core.tool.chain;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolErrors;
import dev.localagent.core.tool.ToolInvocation;
import java.util.List;

/** The chain position handed to interceptor {@code index}; enforces the interceptor contract. */
final class RealToolChain implements ToolInterceptor.Chain {
  private final List<ToolInterceptor> interceptors;
  private final int index;
  private final ToolInvocation invocation;
  private final CallNotes notes;
  private int calls;

  RealToolChain(List<ToolInterceptor> interceptors, int index, ToolInvocation invocation, CallNotes notes) {
    this.interceptors = interceptors;
    this.index = index;
    this.invocation = invocation;
    this.notes = notes;
  }

  @Override
  public ToolInvocation invocation() {
    return invocation;
  }

  @Override
  public CallNotes notes() {
    return notes;
  }

  @Override
  public ToolResult proceed(ToolInvocation next) throws InterruptedException {
    String caller = index == 0 ? "the invoker" : interceptors.get(index - 1).name();
    if (index >= interceptors.size()) {
      throw new IllegalStateException(caller + " called proceed() but is the last link of the chain");
    }
    if (++calls > 1) {
      throw new IllegalStateException(caller + " called proceed() more than once");
    }
    ToolInterceptor interceptor = interceptors.get(index);
    ToolResult result;
    try {
      result = interceptor.intercept(new RealToolChain(interceptors, index + 1, next, notes));
    } catch (InterruptedException e) {
      throw e;
    } catch (RuntimeException e) {
      return broken(interceptor.name() + " failed: " + e);
    }
    return result != null ? result : broken(interceptor.name() + " returned null instead of a ToolResult");
  }

  private ToolResult broken(String what) {
    return ToolResult.error(ToolErrors.CONTRACT.id(),
        "tool call '" + invocation.call().name() + "' failed inside the tool chain: " + what);
  }
}
