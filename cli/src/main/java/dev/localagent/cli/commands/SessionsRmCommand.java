package dev.localagent.cli.commands;

import dev.localagent.cli.AgentWiring;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.core.session.JsonlSessionStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent sessions rm ID...}: deletes stored sessions. */
@Command(name = "rm", description = "Delete stored sessions.")
public final class SessionsRmCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "Session ids to delete.")
  List<String> ids;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    try (var store = AgentWiring.store(context)) {
      for (String id : ids) {
        if (!store.delete(id)) {
          throw JsonlSessionStore.notFound(id);
        }
        context.out().println("removed " + id);
      }
    }
    context.out().flush();
    return 0;
  }
}
