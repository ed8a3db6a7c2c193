package dev.localagent.cli.commands;

import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.TurnDone;
import dev.localagent.cli.AppContext;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.TurnExit;
import dev.localagent.cli.render.EventRenderer;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.client.ResumingSession;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code localagent send SESSION "text"}: one prompt through a running gateway, streamed. */
@Command(name = "send", description = "Send a prompt to a session on a running gateway and stream the turn.",
    footer = {"", "Approvals raised by the turn can be answered from 'localagent attach SESSION'."})
public final class SendCommand implements Callable<Integer> {
  @ParentCommand LocalAgentCommand root;

  @Mixin GatewayClientOptions gateway = new GatewayClientOptions();

  @Parameters(index = "0", paramLabel = "SESSION", description = "Session id (see 'localagent sessions list').")
  String session;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The prompt.")
  List<String> text;

  @Override
  public Integer call() throws InterruptedException {
    AppContext context = root.context();
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    // Attached at the log's end, only this turn's events are shown; a dropped connection or a
    // server restart mid-turn is resumed where it stopped.
    try (var pool = gateway.pool(context);
        var resuming = new ResumingSession(pool, session, ResumingSession.FROM_END, events::add)) {
      resuming.awaitAttached();
      GatewayClientOptions.reportStop(resuming, events);
      try {
        resuming.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, String.join(" ", text)));
      } catch (LocalAgentException e) {
        if (e.code().equals(GatewayErrors.CONNECTION_LOST)) {
          throw new LocalAgentException(e.code(), "the connection dropped while the prompt was sent; it may or "
              + "may not have started", "see with 'localagent attach " + session + "' before sending it again", e);
        }
        throw e;
      }
      return stream(context, events).code();
    }
  }

  private static ExitCode stream(AppContext context, BlockingQueue<Object> events) throws InterruptedException {
    EventRenderer renderer = GatewayClientOptions.renderer(context);
    ErrorRaised lastError = null;
    while (true) {
      Object next = events.take();
      if (next instanceof LocalAgentException lost) {
        renderer.finish();
        throw lost;
      }
      EventFrame frame = (EventFrame) next;
      renderer.render(frame.toSessionEvent());
      switch (frame.event()) {
        case ApprovalRequested asked -> context.err().println("waiting for approval " + asked.approvalId()
            + "; answer it with: localagent attach " + frame.sessionId());
        case ErrorRaised error -> lastError = error;
        case TurnDone done -> {
          renderer.finish();
          context.out().flush();
          return TurnExit.of(done, lastError);
        }
        default -> { }
      }
    }
  }
}
