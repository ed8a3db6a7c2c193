package dev.localagent.core.tool.chain;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolInvocation;

/**
 * One link around a tool call (audit, policy, approval, plugin hooks, execution). It may
 * answer the call itself (e.g. a denial) or pass it on with {@link Chain#proceed} at most once.
 * Breaking that contract (throwing, returning null, proceeding twice) turns the call into an
 * {@code LA-TOOL-013} error that names the interceptor.
 */
@FunctionalInterface
public interface ToolInterceptor {
  ToolResult intercept(Chain chain) throws InterruptedException;

  /** The name used in contract-violation messages. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** The rest of the chain as seen from one interceptor. */
  interface Chain {
    ToolInvocation invocation();

    /** What earlier links found out about this call (policy decision, approval). */
    CallNotes notes();

    /** Passes the call to the next link and returns its result. */
    ToolResult proceed(ToolInvocation invocation) throws InterruptedException;
  }
}
