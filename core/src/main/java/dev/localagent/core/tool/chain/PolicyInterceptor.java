package dev.localagent.core.tool.chain;

import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.policy.Policy;
import dev.localagent.core.policy.PolicyDecision;
import dev.localagent.core.policy.PolicyErrors;
import dev.localagent.core.tool.ToolErrors;

/** Second link: refuses unknown tools and calls policy denies; notes the decision for approval. */
final class PolicyInterceptor implements ToolInterceptor {
  private final Policy policy;

  PolicyInterceptor(Policy policy) {
    this.policy = policy;
  }

  @Override
  public ToolResult intercept(Chain chain) throws InterruptedException {
    ToolCallRequest call = chain.invocation().call();
    if (chain.notes().tool() == null) {
      return ToolResult.error(ToolErrors.UNKNOWN_TOOL.id(),
          "no tool named '" + call.name() + "'; call one of the tools offered in this session");
    }
    PolicyDecision decision = policy.decide(call.name(), call.arguments());
    chain.notes().decision(decision);
    if (decision.verdict() != PolicyDecision.Verdict.DENY) {
      return chain.proceed(chain.invocation());
    }
    boolean byRule = call.name().equals(Policy.SHELL_TOOL) && !decision.rule().startsWith("policy.tools");
    return ToolResult.error((byRule ? PolicyErrors.COMMAND_DENIED : PolicyErrors.TOOL_DENIED).id(),
        call.name() + " was denied by policy: " + decision.reason()
            + (decision.rule().isEmpty() ? "" : " (rule: " + decision.rule() + ")")
            + "; do not retry it, choose another approach");
  }
}
