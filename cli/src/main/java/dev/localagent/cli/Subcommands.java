package dev.localagent.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Chooses which subcommands to register for one command line. picocli reflects every registered
 * command class up front (fields, annotations, method types), which was most of the start-up
 * time once the command tree grew; a command line names at most one top-level command and at
 * most one of its subcommands. A command with subcommands of its own ({@code plugins}, {@code
 * config}, ...) lists them in a {@code public static final Map<String, Class<?>> SUBCOMMANDS}
 * instead of its annotation, so {@code plugins list} reflects two classes, not ten.
 */
public final class Subcommands {
  /** Global options that take a value, so the value is not mistaken for a command name. */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--config", "--workdir", "--log-level");

  /** Commands that need the whole tree: help text for any command, completion scripts. */
  private static final Set<String> NEED_ALL = Set.of("help", "completion");

  /** The field of a command class that lists its subcommands by name. */
  static final String FIELD = "SUBCOMMANDS";

  private Subcommands() {}

  /** An ordered name-to-class map, for {@code SUBCOMMANDS} fields: {@code named("list", ListCommand.class, ...)}. */
  public static Map<String, Class<?>> named(Object... nameThenClass) {
    var map = new LinkedHashMap<String, Class<?>>();
    for (int i = 0; i < nameThenClass.length; i += 2) {
      map.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Adds to {@code root} the commands {@code args} can reach, and their subcommands likewise. */
  static void register(CommandLine root, Map<String, Class<?>> commands, String[] args) {
    int at = commandIndex(args, 0);
    String name = at < 0 ? null : args[at];
    boolean help = isHelpBefore(args, at < 0 ? args.length : at);
    if (name == null && !help && List.of(args).stream().anyMatch(a -> a.equals("-V") || a.equals("--version"))) {
      return;
    }
    boolean all = name == null || help || NEED_ALL.contains(name) || !commands.containsKey(name);
    for (var command : all ? commands.entrySet() : List.of(Map.entry(name, commands.get(name)))) {
      add(root, command.getKey(), command.getValue());
      var nested = nested(command.getValue());
      if (!nested.isEmpty()) {
        int nestedAt = all ? -1 : commandIndex(args, at + 1);
        String nestedName = nestedAt < 0 ? null : args[nestedAt];
        var group = root.getSubcommands().get(command.getKey());
        boolean allNested = all || nestedName == null || !nested.containsKey(nestedName)
            || isHelpBefore(args, nestedAt);
        for (var entry : allNested ? nested.entrySet() : List.of(Map.entry(nestedName, nested.get(nestedName)))) {
          add(group, entry.getKey(), entry.getValue());
        }
      }
    }
  }

  /** Adds one command: a {@link SpecCommand} by its own model, any other class by picocli's reflection. */
  private static void add(CommandLine parent, String name, Class<?> type) {
    if (SpecCommand.class.isAssignableFrom(type)) {
      try {
        parent.addSubcommand(name, ((SpecCommand) type.getConstructor().newInstance()).spec());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(type.getName() + " needs a public no-argument constructor", e);
      }
    } else {
      parent.addSubcommand(type);
    }
  }

  private static boolean isHelpBefore(String[] args, int end) {
    for (int i = 0; i < end; i++) {
      if (args[i].equals("-h") || args[i].equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /** Index of the first argument from {@code from} that is neither an option nor an option's value, or -1. */
  private static int commandIndex(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return -1;
      } else if (OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return i;
      }
    }
    return -1;
  }

  /** A command class's {@code SUBCOMMANDS}, or none (read without an exception for the usual case). */
  @SuppressWarnings("unchecked")
  static Map<String, Class<?>> nested(Class<?> command) {
    for (var field : command.getFields()) {
      if (field.getName().equals(FIELD) && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
        try {
          return (Map<String, Class<?>>) field.get(null);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(command.getName() + "." + FIELD + " must be public", e);
        }
      }
    }
    return Map.of();
  }
}
