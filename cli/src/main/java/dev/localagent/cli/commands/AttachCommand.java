package dev.localagent.cli.commands;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.TurnDone;
import dev.localagent.cli.AppContext;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.render.EventRenderer;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.client.ResumingSession;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code localagent attach SESSION}: stream a session from a running gateway, answer approvals. */
@Command(name = "attach", description = "Stream a session from a running gateway and answer its approvals.",
    footer = {"", "Reconnects by itself (exponential backoff) and resumes after the last event shown.",
      "At an approval prompt answer y (allow once), a (allow for the session) or n (deny)."})
public final class AttachCommand implements Callable<Integer> {
  @ParentCommand LocalAgentCommand root;

  @Mixin GatewayClientOptions gateway = new GatewayClientOptions();

  @Parameters(index = "0", paramLabel = "SESSION", description = "Session id.")
  String session;

  @Option(names = "--from-seq", paramLabel = "SEQ", defaultValue = "0",
      description = "Show events after this seq (default 0: the whole history, then live).")
  long fromSeq;

  @Option(names = "--exit-after-turn", description = "Exit after the next turn.done instead of streaming on.")
  boolean exitAfterTurn;

  @Override
  public Integer call() throws InterruptedException {
    AppContext context = root.context();
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (var pool = gateway.pool(context);
        var resuming = new ResumingSession(pool, session, fromSeq, events::add)) {
      resuming.awaitAttached();
      GatewayClientOptions.reportStop(resuming, events);
      EventRenderer renderer = GatewayClientOptions.renderer(context);
      while (true) {
        Object next = events.take();
        if (next instanceof LocalAgentException stoppedForGood) {
          renderer.finish();
          throw stoppedForGood;
        }
        EventFrame frame = (EventFrame) next;
        renderer.render(frame.toSessionEvent());
        if (frame.event() instanceof ApprovalRequested asked) {
          renderer.finish();
          answer(context, resuming, asked, stdin);
        } else if (frame.event() instanceof TurnDone && exitAfterTurn) {
          renderer.finish();
          context.out().flush();
          return ExitCode.OK.code();
        }
      }
    }
  }

  private void answer(AppContext context, ResumingSession resuming, ApprovalRequested asked, BufferedReader stdin) {
    context.err().print("allow " + asked.tool() + ": " + asked.summary() + "? [y/a/n] ");
    context.err().flush();
    Decision decision = decision(readLine(stdin));
    if (decision == null) {
      context.err().println("not answered here; another attached client may answer");
      return;
    }
    try {
      // On the connection the session streams through: no second connection is needed.
      resuming.request(Protocol.APPROVAL_REPLY, new Messages.ApprovalReply(session, asked.approvalId(), decision));
    } catch (LocalAgentException e) {
      context.err().println("[" + e.code().id() + "] " + e.getMessage());
    }
  }

  private static String readLine(BufferedReader stdin) {
    try {
      return stdin.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static Decision decision(String line) {
    if (line == null) {
      return null;
    }
    return switch (line.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "y", "yes" -> Decision.ALLOW_ONCE;
      case "a", "always" -> Decision.ALLOW_SESSION;
      case "n", "no" -> Decision.DENY;
      default -> null;
    };
  }
}
