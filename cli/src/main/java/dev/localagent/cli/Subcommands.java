package dev.localagent.cli;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Chooses which subcommands to register for one command line. picocli reflects every registered
 * command class up front (fields, annotations, method types), which was most of the start-up
 * time once the command tree grew; a command line names at most one top-level command.
 */
final class Subcommands {
  /** Global options that take a value, so the value is not mistaken for a command name. */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--config", "--workdir", "--log-level");

  /** Commands that need the whole tree: help text for any command, completion scripts. */
  private static final Set<String> NEED_ALL = Set.of("help", "completion");

  private Subcommands() {}

  static Collection<Class<?>> needed(String[] args) {
    var all = LocalAgentCommand.SUBCOMMANDS;
    String name = null;
    boolean help = false;
    for (int i = 0; i < args.length && name == null; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      } else if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
      } else if (OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        name = arg;
      }
    }
    if (name == null) {
      boolean versionOnly = !help && List.of(args).stream().anyMatch(a -> a.equals("-V") || a.equals("--version"));
      return versionOnly ? List.of() : all.values();
    }
    if (help || NEED_ALL.contains(name) || !all.containsKey(name)) {
      return all.values();
    }
    return List.of(all.get(name));
  }
}
