package dev.localagent.core.agent;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.TurnDone.Reason;
import dev.localagent.api.event.UserMessage;
import dev.localagent.api.model.ChatRequest;
import dev.localagent.api.model.ChatResponse;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.model.ProviderException;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.provider.ModelErrors;
import dev.localagent.core.provider.ToolArguments;
import dev.localagent.core.provider.WarningListener;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.Approver;
import dev.localagent.core.tool.ToolInvocation;
import dev.localagent.core.tool.ToolInvoker;
import dev.localagent.core.tool.ToolRegistry;

/**
 * One turn: user message, then model step / tool calls until the model stops calling tools, the
 * step limit, a denial, a cancel or an error; always ends with exactly one {@code turn.done}.
 */
final class TurnRunner {
  private final SessionLog log;
  private final Conversation conversation;
  private final ModelProvider provider;
  private final ToolRegistry tools;
  private final ToolInvoker invoker;
  private final EngineSettings settings;
  private final Approver approver;
  private final CancelFlag cancel;
  private final java.util.function.Consumer<TurnDone> finisher;
  private volatile boolean denied;
  private int stepsTaken;

  /** Set by a Cancel submission before the turn's thread is interrupted. */
  static final class CancelFlag {
    volatile boolean requested;
  }

  TurnRunner(SessionLog log, Conversation conversation, ModelProvider provider, ToolRegistry tools,
      ToolInvoker invoker, EngineSettings settings, Approver sessionApprover, CancelFlag cancel,
      java.util.function.Consumer<TurnDone> finisher) {
    this.finisher = finisher;
    this.log = log;
    this.conversation = conversation;
    this.provider = provider;
    this.tools = tools;
    this.invoker = invoker;
    this.settings = settings;
    this.cancel = cancel;
    this.approver = (callId, tool, summary) -> {
      Decision decision = sessionApprover.ask(callId, tool, summary);
      if (decision == Decision.DENY) {
        denied = true;
      }
      return decision;
    };
  }

  void run(String prompt) {
    log.append(new UserMessage(prompt));
    conversation.addUser(prompt);
    Reason reason;
    try {
      reason = loop();
    } catch (InterruptedException e) {
      reason = Reason.CANCELLED;
    } catch (StepFailure failure) {
      reason = cancel.requested ? Reason.CANCELLED : Reason.ERROR;
      if (reason == Reason.ERROR) {
        log.append(new ErrorRaised(failure.code.id(), failure.getMessage()));
      }
    } catch (LocalAgentException refused) {
      throw refused; // Usually the log refused an event: the runtime records the turn's end once it can.
    } catch (RuntimeException e) {
      log.append(new ErrorRaised(AgentErrors.INTERNAL.id(), "the turn failed unexpectedly: " + e));
      reason = Reason.ERROR;
    }
    conversation.closeDangling(reason == Reason.CANCELLED ? "not run: cancelled" : "not run: the turn ended");
    Thread.interrupted(); // A late cancel must not leak into the next turn.
    finisher.accept(new TurnDone(reason, stepsTaken));
  }

  /** Model steps started so far. */
  int stepsTaken() {
    return stepsTaken;
  }

  private Reason loop() throws InterruptedException, StepFailure {
    while (true) {
      if (stepsTaken == settings.maxSteps()) {
        log.append(new ErrorRaised(AgentErrors.MAX_STEPS.id(),
            "stopped after " + stepsTaken + " model steps; raise --max-steps or agent.max_steps to let it continue"));
        return Reason.MAX_STEPS;
      }
      checkCancel();
      stepsTaken++;
      ChatResponse response = callModel();
      log.append(new ModelMessage(response.text(), response.toolCalls(), response.usage()));
      conversation.addAssistant(response.text(), response.toolCalls());
      if (response.toolCalls().isEmpty()) {
        return Reason.COMPLETED;
      }
      for (ToolCallRequest call : response.toolCalls()) {
        checkCancel();
        runTool(call);
        if (denied) {
          return Reason.DENIED;
        }
      }
    }
  }

  private ChatResponse callModel() throws InterruptedException, StepFailure {
    var request = new ChatRequest(settings.model(), conversation.withSystem(settings.systemPrompt()),
        tools.specs(), settings.options());
    try {
      return provider.chat(request, new WarningListener() {
        @Override
        public void onText(String fragment) {
          log.append(new ModelDelta(fragment));
        }

        @Override
        public void onWarning(ErrorCode code, String message) {
          log.append(new ErrorRaised(code.id(), message));
        }
      });
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.CANCELLED || cancel.requested) {
        throw new InterruptedException("cancelled");
      }
      throw new StepFailure(ModelErrors.of(e.kind()), e.getMessage());
    }
  }

  private void runTool(ToolCallRequest call) throws InterruptedException {
    log.append(new ToolCallStarted(call.id(), call.name(), call.arguments()));
    ToolResult result;
    if (ToolArguments.invalid(call.arguments())) {
      result = ToolResult.error(AgentErrors.BAD_TOOL_ARGUMENTS.id(),
          "the arguments were not a JSON object: " + call.arguments().get(ToolArguments.INVALID_KEY));
    } else {
      result = ToolCallThread.run(invoker, log, call, settings, approver);
    }
    var finished = new ToolCallFinished(call.id(), call.name(), result.ok(), result.content(), result.errorCode());
    log.append(finished);
    conversation.addToolResult(call.id(), ToolReplies.forModel(finished));
  }

  private void checkCancel() throws InterruptedException {
    if (cancel.requested || Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("cancelled");
    }
  }

  /** A model step that failed; carries the code for the error event. */
  private static final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ErrorCode code;

    StepFailure(ErrorCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
