package dev.localagent.core.plugin;

import dev.localagent.core.plugin.PluginInfo.Status;
import java.util.Objects;

/**
 * A plugin as {@code plugins list} prints it in its table: no manifest beyond the description and
 * the number of tools, so a warm listing need not decode manifests at all.
 */
public record PluginSummary(String id, String version, Status status, String description, int tools,
    PluginFailure failure) {
  public PluginSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(description, "description");
  }

  public static PluginSummary of(PluginInfo info) {
    PluginManifest m = info.manifest();
    return new PluginSummary(info.id(), info.version(), info.status(), m == null ? "" : m.description(),
        m == null ? 0 : m.tools().size(), info.failure());
  }
}
