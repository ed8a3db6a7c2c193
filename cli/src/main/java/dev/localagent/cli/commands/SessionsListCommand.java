package dev.localagent.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.localagent.cli.AgentWiring;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.core.session.EventJson;
import dev.localagent.core.session.SessionInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code localagent sessions list}: stored sessions, most recently updated first. */
@Command(name = "list", description = "List stored sessions, newest first.")
public final class SessionsListCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var context = root().context();
    List<SessionInfo> infos;
    try (var store = AgentWiring.store(context)) {
      infos = store.list();
    }
    var out = context.out();
    if (context.json()) {
      ArrayNode array = EventJson.mapper().valueToTree(infos);
      out.println(array);
    } else if (infos.isEmpty()) {
      out.println("no sessions yet; start one with 'localagent chat' or 'localagent run \"...\"'");
    } else {
      out.printf("%-24s %-16s %7s  %s%n", "ID", "UPDATED (UTC)", "EVENTS", "TITLE");
      for (SessionInfo info : infos) {
        out.printf("%-24s %-16s %7d  %s%n", info.id(), TIME.format(Instant.ofEpochMilli(info.updatedMillis())),
            info.lastSeq(), info.title());
      }
    }
    out.flush();
    return 0;
  }

  private LocalAgentCommand root() {
    return (LocalAgentCommand) spec.root().userObject();
  }
}
