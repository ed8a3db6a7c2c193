package dev.localagent.core.tool.chain;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.config.Dirs;
import dev.localagent.core.policy.AuditLog;
import dev.localagent.core.policy.Policy;
import dev.localagent.core.policy.PolicyConfig;
import dev.localagent.core.tool.ToolInvocation;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link ToolInvoker}: every call goes through audit, policy, approval, any hooks, and
 * execution, in that order (see {@link #interceptors()}). Unknown tools, denials and tools that
 * throw all come back as error results. Safe for concurrent calls; one instance per process.
 */
public final class ChainToolInvoker implements ToolInvoker {
  private final List<ToolInterceptor> chain;
  private final ToolRegistry registry;

  /**
   * @param audit where to audit calls, or null for no audit log
   * @param hooks extra interceptors (e.g. plugin hooks) run after approval, before execution
   */
  public ChainToolInvoker(ToolRegistry registry, Policy policy, AuditLog audit, List<ToolInterceptor> hooks) {
    this.registry = registry;
    this.chain = interceptors(audit, policy, hooks);
  }

  /** The invoker a command builds from the {@code policy} config section. */
  public static ChainToolInvoker create(ToolRegistry registry, PolicyConfig config, Dirs dirs, Map<String, String> env) {
    AuditLog audit = config.audit() ? AuditLog.in(dirs.dataDir(), env) : null;
    return new ChainToolInvoker(registry, new Policy(config), audit, List.of());
  }

  /** The chain, assembled in order in this one place. */
  private static List<ToolInterceptor> interceptors(AuditLog audit, Policy policy, List<ToolInterceptor> hooks) {
    var links = new ArrayList<ToolInterceptor>();
    if (audit != null) {
      links.add(new AuditInterceptor(audit));
    }
    links.add(new PolicyInterceptor(policy));
    links.add(new ApprovalInterceptor());
    links.addAll(hooks);
    links.add(new ExecutionInterceptor());
    return List.copyOf(links);
  }

  /** The names of the links, first to last, for diagnostics. */
  public List<String> interceptors() {
    return chain.stream().map(ToolInterceptor::name).toList();
  }

  @Override
  public ToolResult invoke(ToolInvocation invocation) throws InterruptedException {
    var notes = new CallNotes(registry.find(invocation.call().name()).orElse(null));
    return new RealToolChain(chain, 0, invocation, notes).proceed(invocation);
  }
}
