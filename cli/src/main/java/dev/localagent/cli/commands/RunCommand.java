package dev.localagent.cli.commands;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.cli.AgentWiring;
import dev.localagent.cli.AppContext;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.TurnDriver;
import dev.localagent.cli.TurnExit;
import dev.localagent.cli.render.EventRenderer;
import dev.localagent.cli.render.HumanRenderer;
import dev.localagent.cli.render.JsonLinesRenderer;
import dev.localagent.cli.Style;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionLog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code localagent run "prompt"}: one turn to completion, non-interactive. */
@Command(
    name = "run",
    description = "Run one agent turn and exit; the exit code tells how it ended.",
    footer = {
      "", "Exit codes: 0 done, 5 model unreachable, 6 tool denied, 7 max steps, 130 interrupted.",
      "Approvals cannot be asked here: --approve decides them and defaults to 'never' (fail closed)."
    })
public final class RunCommand implements Callable<Integer> {
  private static final Set<String> READ_TOOLS = Set.of("fs.read", "fs.list", "fs.glob", "fs.search");

  @ParentCommand LocalAgentCommand root;

  @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "What the agent should do.")
  List<String> prompt;

  @Mixin AgentOptions agent = new AgentOptions();

  @Option(names = "--approve", paramLabel = "WHICH", defaultValue = "never",
      description = "Answer approval requests: never (deny all), reads (allow read-only tools), all.")
  String approve;

  @Override
  public Integer call() {
    AppContext context = root.context();
    Approvals approvals = Approvals.parse(approve);
    try (var wiring = AgentWiring.open(context, agent.provider, agent.model, agent.maxSteps)) {
      SessionLog log = agent.session == null ? wiring.store.create()
          : wiring.store.open(agent.session).orElseThrow(() -> JsonlSessionStore.notFound(agent.session));
      EventRenderer renderer = context.json() ? new JsonLinesRenderer(context.out())
          : new HumanRenderer(context.out(), context.err(), Style.forContext(context), false);
      var result = new TurnDriver(wiring.engine, log, renderer, approvals::decide, "run --approve=" + approve,
          warning -> {
            context.err().println("warning: " + warning);
            context.err().flush();
          }).run(String.join(" ", prompt));
      ExitCode exit = TurnExit.of(result.done(), result.lastError());
      if (exit == ExitCode.MODEL_UNREACHABLE) {
        context.err().println("hint: " + TurnExit.unreachableHint(wiring.providerConfig.name(), wiring.providerConfig.baseUrl()));
      }
      if (!context.json()) {
        context.err().println("session " + log.sessionId() + " (continue with --session " + log.sessionId() + ")");
      }
      context.err().flush();
      return exit.code();
    }
  }

  /** The non-interactive answers; anything unknown is refused before the turn starts. */
  private enum Approvals {
    NEVER, READS, ALL;

    static Approvals parse(String text) {
      return switch (text) {
        case "never" -> NEVER;
        case "reads" -> READS;
        case "all" -> ALL;
        default -> throw new dev.localagent.core.error.LocalAgentException(
            dev.localagent.core.error.GeneralErrors.USAGE, "--approve must be never, reads or all, not '" + text + "'",
            "run 'localagent run --help'");
      };
    }

    Decision decide(ApprovalRequested request) {
      return switch (this) {
        case NEVER -> Decision.DENY;
        case READS -> READ_TOOLS.contains(request.tool()) ? Decision.ALLOW_ONCE : Decision.DENY;
        case ALL -> Decision.ALLOW_ONCE;
      };
    }
  }
}
