package dev.localagent.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A secret in the tree: a literal string, or {@code {env: NAME}}, or {@code {file: PATH}}. */
final class SecretBinding {
  private SecretBinding() {}

  static Secret secret(Object node, Map<String, String> env, String path) throws BindingFailure {
    if (node instanceof String literal) {
      return Secret.of(literal, "config");
    }
    if (!(node instanceof Map<?, ?> reference)) {
      throw invalid(path, ScalarBinding.rawText(node));
    }
    if (reference.size() == 1 && reference.get("env") instanceof String name) {
      String value = env == null ? null : env.get(name);
      if (value == null) {
        throw BindingFailure.wrongValue(path, ConfigErrors.MISSING_ENV, "environment variable " + name + " to be set",
            "it unset", "export " + name + " before running localagent");
      }
      return Secret.of(value, "env " + name);
    }
    if (reference.size() == 1 && reference.get("file") instanceof String file) {
      return fromFile(path, file, env == null ? null : env.get("HOME"));
    }
    throw invalid(path, "a mapping with keys " + reference.keySet());
  }

  private static Secret fromFile(String keyPath, String file, String home) throws BindingFailure {
    Path path = Path.of(file.startsWith("~/") && home != null ? home + file.substring(1) : file);
    try {
      return Secret.of(Files.readString(path).strip(), "file " + path);
    } catch (IOException | RuntimeException e) {
      throw BindingFailure.wrongValue(keyPath, ConfigErrors.UNREADABLE, "a readable secret file", path + " ("
          + e.getClass().getSimpleName() + ")", "check that the file exists and is readable by you");
    }
  }

  private static BindingFailure invalid(String path, String found) {
    return BindingFailure.wrongValue(path, ConfigErrors.INVALID_VALUE,
        "a secret: a string, ${VAR}, {env: VAR} or {file: PATH}", found, "");
  }
}
