package dev.localagent.core.plugin.internal;

import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginManifest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin jar as discovery saw it: its path, size and modification time (the index key), and
 * either its manifest or why it could not be read.
 */
public record Candidate(Path jar, long size, long mtimeMillis, PluginManifest manifest, PluginFailure failure) {
  public Candidate {
    Objects.requireNonNull(jar, "jar");
    if ((manifest == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of manifest and failure must be set");
    }
  }

  /** The plugin id, or the jar's file name when the manifest could not be read. */
  public String id() {
    if (manifest != null) {
      return manifest.id();
    }
    String name = jar.getFileName().toString();
    return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
  }

  boolean sameFile(long otherSize, long otherMtime) {
    return size == otherSize && mtimeMillis == otherMtime;
  }
}
