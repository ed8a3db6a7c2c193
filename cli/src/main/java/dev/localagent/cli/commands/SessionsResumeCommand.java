package dev.localagent.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent sessions resume ID}: continues a session in the interactive chat. */
@Command(name = "resume", description = "Continue a stored session in 'chat' (history is shown first).")
public final class SessionsResumeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
  String id;

  @Mixin AgentOptions agent = new AgentOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    agent.session = id;
    var chat = new ChatCommand();
    chat.agent = agent;
    chat.spec = spec;
    return chat.call();
  }
}
