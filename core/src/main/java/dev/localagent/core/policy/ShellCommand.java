package dev.localagent.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A shell.exec {@code command} argument as policy sees it: argv lists and shell features. */
record ShellCommand(List<List<String>> commands, Set<ShellWords.Feature> features, boolean unparsable) {

  static ShellCommand of(Object command) {
    if (command instanceof String text) {
      try {
        ShellWords.Parsed parsed = ShellWords.parse(text);
        return new ShellCommand(parsed.commands(), parsed.features(), false);
      } catch (ShellWords.SyntaxException e) {
        return new ShellCommand(List.of(), Set.of(), true);
      }
    }
    if (command instanceof List<?> list && !list.isEmpty()) {
      var argv = new ArrayList<String>(list.size());
      for (Object item : list) {
        if (!(item instanceof String s)) {
          return new ShellCommand(List.of(), Set.of(), true);
        }
        argv.add(s);
      }
      return new ShellCommand(List.of(argv), Set.of(), false);
    }
    return new ShellCommand(List.of(), Set.of(), true);
  }
}
