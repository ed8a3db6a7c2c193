package dev.localagent.cli.commands;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.cli.AgentWiring;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.render.EventRenderer;
import dev.localagent.cli.render.HumanRenderer;
import dev.localagent.cli.render.JsonLinesRenderer;
import dev.localagent.cli.Style;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent sessions show ID}: replays a session as the chat showed it (or NDJSON). */
@Command(name = "show", description = "Print a session's conversation and tool activity.")
public final class SessionsShowCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The session id (see 'sessions list').")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    List<SessionEvent> events;
    try (var store = AgentWiring.store(context)) {
      events = store.snapshot(id); // Read-only: works while another process writes it.
    }
    EventRenderer renderer = context.json() ? new JsonLinesRenderer(context.out())
        : new HumanRenderer(context.out(), context.err(), Style.forContext(context), true);
    events.forEach(renderer::render);
    renderer.finish();
    return 0;
  }
}
