package dev.localagent.core.plugin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The user's enable/disable choices, one {@code id=enabled|disabled} line each, written
 * atomically. A choice here overrides the config's {@code disabled} list.
 */
public final class StateFile {
  private StateFile() {}

  public static Map<String, Boolean> read(Path file) throws IOException {
    var choices = new TreeMap<String, Boolean>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          choices.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().equals("enabled"));
        }
      }
    } catch (NoSuchFileException e) {
      return choices;
    }
    return choices;
  }

  public static void set(Path file, String id, boolean enabled) throws IOException {
    var choices = read(file);
    choices.put(id, enabled);
    write(file, choices);
  }

  public static void forget(Path file, String id) throws IOException {
    var choices = read(file);
    if (choices.remove(id) != null) {
      write(file, choices);
    }
  }

  private static void write(Path file, Map<String, Boolean> choices) throws IOException {
    var text = new StringBuilder("# plugin choices made with 'localagent plugins enable|disable'\n");
    choices.forEach((id, on) -> text.append(id).append('=').append(on ? "enabled" : "disabled").append('\n'));
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The ids not to load: configured as disabled, or disabled by the user, unless re-enabled. */
  public static SortedSet<String> effectiveDisabled(Iterable<String> configured, Map<String, Boolean> choices) {
    var disabled = new TreeSet<String>();
    configured.forEach(disabled::add);
    choices.forEach((id, on) -> {
      if (on) disabled.remove(id);
      else disabled.add(id);
    });
    return disabled;
  }
}
