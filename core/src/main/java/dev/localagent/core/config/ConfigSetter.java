package dev.localagent.core.config;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * {@code config set}: edits one key in a config file's text, validates the whole configuration
 * with the edit applied, and only then replaces the file atomically. A file that does not parse
 * is never touched.
 */
public final class ConfigSetter {
  private final ConfigLoader loader;

  public ConfigSetter(ConfigLoader loader) {
    this.loader = loader;
  }

  /** What was written: the file and whether the key holds a secret (so callers redact it). */
  public record Change(Path file, String key, boolean secret) {}

  /** Sets {@code key} to {@code value} in {@code target}. @throws LocalAgentException if refused */
  public Change set(ConfigLoader.Inputs inputs, Path target, String key, String value) {
    String before = read(target);
    var parsed = YamlLayer.parse(target.toString(), before, inputs.env());
    var syntax = parsed.problems().stream().filter(p -> p.code().equals(ConfigErrors.SYNTAX)).findFirst();
    if (syntax.isPresent()) {
      throw new LocalAgentException(ConfigErrors.REFUSED_EDIT, "refusing to edit " + target
          + ": it does not parse (" + syntax.get().describe() + ")", "fix the file by hand first");
    }
    String after = switch (ConfigFileEditor.set(target.toString(), before, key, value)) {
      case ConfigFileEditor.Edited edited -> edited.text();
      case ConfigFileEditor.Refused refused -> throw new LocalAgentException(ConfigErrors.REFUSED_EDIT,
          "cannot set " + key + " in " + target + ": " + refused.reason(), "edit the file by hand");
    };
    var pending = new HashMap<>(inputs.pending());
    pending.put(target, after);
    var check = loader.load(new ConfigLoader.Inputs(
        inputs.dirs(), inputs.explicitFile(), inputs.env(), inputs.flags(), pending));
    for (var warning : check.warnings()) {
      if (key.equals(warning.keyPath()) || key.startsWith(warning.keyPath() + ".")) {
        throw new LocalAgentException(ConfigErrors.UNKNOWN_KEY, "unknown key " + warning.keyPath(),
            warning.hint() + " Nothing was written.");
      }
    }
    if (!check.ok()) {
      var failure = check.failure();
      throw new LocalAgentException(failure.code(), failure.getMessage(),
          "nothing was written; " + target + " is unchanged");
    }
    write(target, after);
    boolean secret = check.orThrow().lookup(key).map(Secret.REDACTED::equals).orElse(false);
    return new Change(target, key, secret);
  }

  private static String read(Path target) {
    try {
      return Files.readString(target);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new LocalAgentException(ConfigErrors.UNREADABLE, "cannot read " + target + ": " + e.getMessage(),
          "check the file's permissions", e);
    }
  }

  private static void write(Path target, String text) {
    try {
      AtomicFiles.write(target, text);
    } catch (IOException e) {
      throw new LocalAgentException(ConfigErrors.WRITE_FAILED, "cannot write " + target + ": " + e,
          "check that the directory exists and is writable; the old file is unchanged", e);
    }
  }
}
