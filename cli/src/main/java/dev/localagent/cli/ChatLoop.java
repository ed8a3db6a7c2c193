package dev.localagent.cli;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.cli.render.HumanRenderer;
import dev.localagent.core.agent.Submission;
import dev.localagent.core.session.SessionInfo;
import dev.localagent.core.session.SessionLog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * The interactive chat over one engine: reads lines, runs turns, handles slash commands and asks
 * the person about approvals. The terminal (signals, history) is set up by ChatCommand.
 */
public final class ChatLoop {
  private static final Set<String> READ_TOOLS = Set.of("fs.read", "fs.list", "fs.glob", "fs.search");
  private final AgentWiring wiring;
  private final LineReader reader;
  private final PrintWriter out;
  private final Style style;
  private SessionLog log;
  private String approveMode = "ask";
  private volatile Thread turnThread;

  public ChatLoop(AgentWiring wiring, LineReader reader, PrintWriter out, Style style, SessionLog log) {
    this.wiring = wiring;
    this.reader = reader;
    this.out = out;
    this.style = style;
    this.log = log;
  }

  /** A line reader for chat: prose-friendly parsing, a trailing backslash continues the input. */
  public static LineReader lineReader(org.jline.terminal.Terminal terminal, java.nio.file.Path historyFile) {
    var parser = new org.jline.reader.impl.DefaultParser();
    parser.setQuoteChars(new char[0]); // Prompts are prose: an apostrophe must not open a quote.
    parser.setEscapeChars(new char[0]); // Backslashes are literal; ChatLoop joins continued lines.
    return org.jline.reader.LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("localagent")
        .parser(parser)
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "  ")
        .build();
  }

  /** Ctrl-C while a turn runs: cancel the turn, not the program. */
  public void interrupt() {
    Thread running = turnThread;
    if (running != null) {
      wiring.engine.submit(log.sessionId(), new Submission.Cancel());
    }
  }

  public void run() {
    out.println(style.dim("session " + log.sessionId() + " · provider " + wiring.providerConfig.name()
        + " · model " + wiring.engine.settings().model() + " · /help for commands, Ctrl-D to quit"));
    replayHistory();
    while (true) {
      String line;
      try {
        line = readInput();
      } catch (UserInterruptException e) {
        out.println(style.dim("(Ctrl-C: nothing to cancel; /exit or Ctrl-D quits)"));
        continue;
      } catch (EndOfFileException e) {
        return;
      }
      String input = line.strip();
      if (input.isEmpty()) {
        continue;
      }
      if (input.startsWith("/")) {
        if (!command(input)) {
          return;
        }
        continue;
      }
      turn(input);
    }
  }

  /** One input, joining lines that end in a backslash (pasted blocks arrive whole anyway). */
  private String readInput() {
    var input = new StringBuilder(reader.readLine(style.bold("> ")));
    while (input.toString().endsWith("\\")) {
      input.setLength(input.length() - 1);
      input.append('\n').append(reader.readLine(".. "));
    }
    return input.toString();
  }

  private void replayHistory() {
    List<SessionEvent> history = log.read(0, Integer.MAX_VALUE);
    if (!history.isEmpty()) {
      var renderer = new HumanRenderer(out, out, style, true);
      history.forEach(renderer::render);
      renderer.finish();
    }
  }

  private void turn(String prompt) {
    var renderer = new HumanRenderer(out, out, style, false);
    turnThread = Thread.currentThread();
    try {
      new TurnDriver(wiring.engine, log, renderer, this::decide, "chat", warning -> {
        out.println("warning: " + warning);
        out.flush();
      }).run(prompt);
    } finally {
      turnThread = null;
      Thread.interrupted();
    }
  }

  private Decision decide(ApprovalRequested request) {
    switch (approveMode) {
      case "all" -> {
        return Decision.ALLOW_ONCE;
      }
      case "reads" -> {
        if (READ_TOOLS.contains(request.tool())) {
          return Decision.ALLOW_ONCE;
        }
      }
      default -> {}
    }
    while (true) {
      String answer;
      try {
        answer = reader.readLine(style.yellow("   allow once [y] / always this session [a] / deny [n]? "));
      } catch (UserInterruptException | EndOfFileException e) {
        return Decision.DENY; // Fail closed.
      }
      switch (answer.strip().toLowerCase(Locale.ROOT)) {
        case "y", "yes" -> { return Decision.ALLOW_ONCE; }
        case "a", "always" -> { return Decision.ALLOW_SESSION; }
        case "n", "no", "" -> { return Decision.DENY; }
        default -> out.println("   answer y, a or n");
      }
    }
  }

  /** Runs a slash command; false means quit. */
  private boolean command(String input) {
    String[] words = input.split("\\s+", 2);
    String argument = words.length > 1 ? words[1].strip() : "";
    switch (words[0]) {
      case "/exit", "/quit" -> { return false; }
      case "/help" -> out.println("/model [NAME]  show or switch the model\n/tools  list tools\n"
          + "/approve [ask|reads|all]  how tool approvals are answered\n/clear  start a new session\n"
          + "/sessions  recent sessions\n/exit  quit (Ctrl-D too); Ctrl-C cancels a running turn\n"
          + "end a line with \\ to continue on the next one");
      case "/model" -> {
        if (!argument.isEmpty()) {
          wiring.engine.updateSettings(settings -> settings.withModel(argument));
        }
        out.println("model: " + wiring.engine.settings().model());
      }
      case "/tools" -> {
        List<ToolSpec> specs = wiring.tools.specs();
        if (specs.isEmpty()) {
          out.println("no tools registered");
        }
        specs.forEach(spec -> out.println(style.bold(spec.name()) + "  " + spec.description()));
      }
      case "/approve" -> approve(argument);
      case "/clear" -> {
        log = wiring.store.create();
        out.println("new session " + log.sessionId());
      }
      case "/sessions" -> {
        for (SessionInfo info : wiring.store.list().stream().limit(10).toList()) {
          out.println(info.id() + "  " + info.title());
        }
      }
      default -> out.println("unknown command " + words[0] + "; /help lists them");
    }
    out.flush();
    return true;
  }

  private void approve(String mode) {
    if (Set.of("ask", "reads", "all").contains(mode)) {
      approveMode = mode;
    } else if (!mode.isEmpty()) {
      out.println("use /approve ask, /approve reads or /approve all");
    }
    out.println("approvals: " + approveMode);
  }
}
