package dev.localagent.core.tool;

import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.ToolOutput;
import java.nio.file.Path;
import java.util.Objects;

/** One tool call on its way through the interceptor chain (audit, policy, approval, execution). */
public record ToolInvocation(
    String sessionId, ToolCallRequest call, Path workdir, ToolOutput output, Approver approver) {
  public ToolInvocation {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(approver, "approver");
  }
}
