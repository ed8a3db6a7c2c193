package dev.localagent.cli.render;

import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.cli.Style;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Text for a person: model text streamed as it arrives, tool activity dimmed and indented,
 * errors on stderr with their code. {@code showUser} prints user messages (for replaying a
 * session; in chat the person typed them).
 */
public final class HumanRenderer implements EventRenderer {
  private static final int MAX_SHOWN = 200;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Style style;
  private final boolean showUser;
  private boolean midLine; // Model text printed without its newline yet.
  private boolean streamed; // Deltas were printed for the current model message.

  public HumanRenderer(PrintWriter out, PrintWriter err, Style style, boolean showUser) {
    this.out = out;
    this.err = err;
    this.style = style;
    this.showUser = showUser;
  }

  @Override
  public void render(SessionEvent stored) {
    switch (stored.event()) {
      case UserMessage user -> {
        if (showUser) {
          endLine();
          out.println(style.bold("> " + user.text()));
        }
      }
      case ModelDelta delta -> {
        out.print(delta.text());
        midLine = !delta.text().endsWith("\n");
        streamed = true;
      }
      case ModelMessage message -> {
        if (!streamed && !message.text().isEmpty()) {
          out.print(message.text());
          midLine = true;
        }
        streamed = false;
        endLine();
      }
      case ToolCallStarted call -> out.println(style.bold("-> " + call.tool()) + " " + style.dim(arguments(call.arguments())));
      case ToolOutputChunk chunk -> out.print(style.dim(indent(chunk.chunk())));
      case ToolCallFinished result -> out.println(result.ok()
          ? style.green("   ok") + style.dim(" (" + result.content().length() + " chars)")
          : style.red("   failed " + result.errorCode()) + ": " + shorten(result.content()));
      case ApprovalRequested request -> out.println(style.yellow("?  approve " + request.tool()) + ": " + request.summary());
      case ApprovalDecided decided -> out.println(style.yellow("   " + decided.decision().name().toLowerCase(java.util.Locale.ROOT))
          + style.dim(" by " + decided.decidedBy()));
      case ErrorRaised error -> {
        endLine();
        err.println(style.red("error[" + error.code() + "]") + ": " + error.message());
        err.flush();
      }
      case TurnDone done -> {
        endLine();
        if (done.reason() != TurnDone.Reason.COMPLETED) {
          out.println(style.dim("(turn ended: " + done.reason().name().toLowerCase(java.util.Locale.ROOT)
              + " after " + done.steps() + " step" + (done.steps() == 1 ? "" : "s") + ")"));
        }
      }
    }
    out.flush();
  }

  @Override
  public void finish() {
    endLine();
    out.flush();
  }

  private void endLine() {
    if (midLine) {
      out.println();
      midLine = false;
    }
  }

  private static String arguments(Map<String, Object> arguments) {
    var text = new StringBuilder();
    arguments.forEach((key, value) -> text.append(text.isEmpty() ? "" : " ").append(key).append('=').append(value));
    return shorten(text.toString());
  }

  private static String shorten(String text) {
    String one = text.replace('\n', ' ').strip();
    return one.length() > MAX_SHOWN ? one.substring(0, MAX_SHOWN) + "..." : one;
  }

  private static String indent(String chunk) {
    return "   " + chunk.replace("\n", "\n   ").replaceAll(" {3}$", "");
  }
}
