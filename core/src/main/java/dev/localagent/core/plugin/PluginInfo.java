package dev.localagent.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One discovered plugin jar and where it stands. {@code manifest} is null only when the manifest
 * could not be read; {@code failure} is set exactly when the status is {@link Status#FAILED}.
 */
public record PluginInfo(String id, Path jar, PluginManifest manifest, Status status, PluginFailure failure) {

  /** Where a plugin stands in this process. */
  public enum Status {
    /** Resolved; its classes load on first use. */
    READY,
    /** Its class loader exists and {@code start} returned. */
    ACTIVE,
    /** Disabled by the user or config. */
    DISABLED,
    /** Refused or broken; see {@link PluginInfo#failure()}. */
    FAILED
  }

  public PluginInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jar, "jar");
    Objects.requireNonNull(status, "status");
    if ((status == Status.FAILED) != (failure != null)) {
      throw new IllegalArgumentException("failure must be set exactly for FAILED plugins");
    }
  }

  public String version() {
    return manifest == null ? "?" : manifest.version();
  }

  public PluginInfo withStatus(Status newStatus, PluginFailure newFailure) {
    return new PluginInfo(id, jar, manifest, newStatus, newFailure);
  }
}
