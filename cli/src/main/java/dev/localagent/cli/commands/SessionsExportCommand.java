package dev.localagent.cli.commands;

import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.UserMessage;
import dev.localagent.cli.AgentWiring;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent sessions export ID}: the event log as JSONL, or a Markdown transcript. */
@Command(name = "export", description = "Export a session as JSONL events or a Markdown transcript.")
public final class SessionsExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
  String id;

  @Option(names = "--format", defaultValue = "jsonl", description = "jsonl (default) or markdown.")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (atomically) instead of stdout.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    List<SessionEvent> events;
    try (var store = AgentWiring.store(context)) {
      events = store.snapshot(id);
    }
    String text = switch (format) {
      case "jsonl" -> jsonl(events);
      case "markdown", "md" -> markdown(events);
      default -> throw new LocalAgentException(GeneralErrors.USAGE, "--format must be jsonl or markdown, not '" + format + "'",
          "run 'localagent sessions export --help'");
    };
    if (output == null) {
      context.out().print(text);
      context.out().flush();
    } else {
      writeAtomically(output, text);
      context.err().println("exported " + events.size() + " events to " + output);
    }
    return 0;
  }

  private static String jsonl(List<SessionEvent> events) {
    var text = new StringBuilder();
    events.forEach(event -> text.append(EventJson.toLine(event)).append('\n'));
    return text.toString();
  }

  private String markdown(List<SessionEvent> events) {
    var text = new StringBuilder("# Session " + id + "\n");
    for (SessionEvent stored : events) {
      switch (stored.event()) {
        case UserMessage user -> text.append("\n## User\n\n").append(user.text()).append('\n');
        case ModelMessage model -> {
          if (!model.text().isBlank()) {
            text.append("\n## Assistant\n\n").append(model.text()).append('\n');
          }
        }
        case ToolCallStarted call -> text.append("\n**Tool** `").append(call.tool()).append("` ")
            .append(EventJson.mapper().valueToTree(call.arguments())).append('\n');
        case ToolCallFinished result -> text.append("\n```\n").append(result.ok() ? "" : result.errorCode() + ": ")
            .append(result.content().strip()).append("\n```\n");
        default -> {}
      }
    }
    return text.toString();
  }

  private static void writeAtomically(Path target, String text) {
    Path absolute = target.toAbsolutePath();
    try {
      Path temp = Files.createTempFile(absolute.getParent(), ".export-", ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new LocalAgentException(GeneralErrors.IO, "cannot write " + target + ": " + e.getMessage(),
          "check that the directory exists and is writable", e);
    }
  }
}
