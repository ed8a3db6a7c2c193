package dev.localagent.cli.commands;

import dev.localagent.cli.FishCompletion;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent completion bash|zsh|fish}: prints a shell completion script. */
@Command(
    name = "completion",
    description = "Print a shell completion script for bash, zsh or fish.",
    footer = {
      "",
      "Examples:",
      "  source <(localagent completion bash)              # bash, current shell",
      "  source <(localagent completion zsh)               # zsh (via bashcompinit)",
      "  localagent completion fish > ~/.config/fish/completions/localagent.fish",
    })
public final class CompletionCommand implements Callable<Integer> {
  /** The shells a script can be generated for. */
  public enum Shell {
    bash,
    zsh,
    fish
  }

  @Parameters(index = "0", paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = spec.root().commandLine();
    String script = switch (shell) {
      // picocli's script detects zsh and loads bashcompinit itself.
      case bash, zsh -> AutoComplete.bash(root.getCommandName(), root);
      case fish -> FishCompletion.script(root);
    };
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
