package dev.localagent.cli.commands;

import dev.localagent.cli.AgentWiring;
import dev.localagent.cli.AppContext;
import dev.localagent.cli.ChatLoop;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Style;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.JsonlSessionStore;
import dev.localagent.core.session.SessionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent chat}: the interactive agent in the terminal. */
@Command(name = "chat", description = "Chat with the agent interactively (JLine line editor, history, slash commands).")
public final class ChatCommand implements Callable<Integer> {
  @Mixin AgentOptions agent = new AgentOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AppContext context = ((LocalAgentCommand) spec.root().userObject()).context();
    try (var wiring = AgentWiring.open(context, agent.provider, agent.model, agent.maxSteps);
        Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      SessionLog log = agent.session == null ? wiring.store.create()
          : wiring.store.open(agent.session).orElseThrow(() -> JsonlSessionStore.notFound(agent.session));
      var loop = new ChatLoop(wiring, reader(context, terminal), terminal.writer(), Style.forContext(context), log);
      terminal.handle(Terminal.Signal.INT, signal -> loop.interrupt());
      loop.run();
      return 0;
    } catch (IOException e) {
      throw new LocalAgentException(GeneralErrors.IO, "cannot open the terminal: " + e.getMessage(),
          "use 'localagent run \"...\"' where there is no terminal", e);
    }
  }

  private static LineReader reader(AppContext context, Terminal terminal) throws IOException {
    Files.createDirectories(context.dirs().stateDir());
    return ChatLoop.lineReader(terminal, context.dirs().stateDir().resolve("chat_history"));
  }
}
