package dev.localagent.core.tool.chain;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.policy.Policy;
import dev.localagent.core.policy.PolicyDecision;
import dev.localagent.core.policy.PolicyErrors;
import dev.localagent.core.tool.ToolInvocation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Third link: when policy says ask, asks the invocation's {@link
 * dev.localagent.core.tool.Approver}. "Always for this session" is remembered per session: for
 * shell.exec per program (or the exact text of a command that needs a shell), otherwise per
 * tool. An approver that fails counts as a no.
 */
final class ApprovalInterceptor implements ToolInterceptor {
  private final Set<String> allowedForSession = ConcurrentHashMap.newKeySet();

  @Override
  public ToolResult intercept(Chain chain) throws InterruptedException {
    ToolInvocation invocation = chain.invocation();
    PolicyDecision decision = chain.notes().decision();
    if (decision == null || decision.verdict() != PolicyDecision.Verdict.ASK) {
      return chain.proceed(invocation);
    }
    String key = invocation.sessionId() + "\u0000" + sessionKey(invocation.call());
    if (allowedForSession.contains(key)) {
      chain.notes().approval("session");
      return chain.proceed(invocation);
    }
    Decision answer;
    try {
      answer = invocation.approver().ask(invocation.call().id(), invocation.call().name(), summary(invocation.call()));
    } catch (RuntimeException e) {
      chain.notes().approval("DENY");
      return ToolResult.error(PolicyErrors.APPROVAL_FAILED.id(),
          "approval could not be asked (" + e.getMessage() + "); the call was refused");
    }
    chain.notes().approval(answer == null ? "DENY" : answer.name());
    if (answer == null || answer == Decision.DENY) {
      return ToolResult.error(PolicyErrors.APPROVAL_DENIED.id(),
          invocation.call().name() + " was not approved (" + decision.reason() + "); do not retry it unchanged");
    }
    if (answer == Decision.ALLOW_SESSION) {
      allowedForSession.add(key);
    }
    return chain.proceed(invocation);
  }

  /** What a person is shown: the command, or the path and size of a write. */
  static String summary(ToolCallRequest call) {
    Map<String, Object> args = call.arguments();
    if (call.name().equals(Policy.SHELL_TOOL)) {
      Object command = args.get("command");
      return "run: " + (command instanceof List<?> argv ? String.join(" ", argv.stream().map(String::valueOf).toList())
          : String.valueOf(command));
    }
    if (args.get("path") instanceof String path) {
      Object content = args.get("content");
      return call.name() + " " + path + (content instanceof String s ? " (" + s.length() + " chars)" : "");
    }
    return call.name() + " " + args.keySet();
  }

  private static String sessionKey(ToolCallRequest call) {
    if (!call.name().equals(Policy.SHELL_TOOL)) {
      return call.name();
    }
    Object command = call.arguments().get("command");
    if (command instanceof List<?> argv && !argv.isEmpty()) {
      String program = String.valueOf(argv.getFirst());
      return "shell:" + program.substring(program.lastIndexOf('/') + 1);
    }
    return "shell-text:" + command;
  }
}
