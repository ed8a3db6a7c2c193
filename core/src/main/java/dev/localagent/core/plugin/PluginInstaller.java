package dev.localagent.core.plugin;

import dev.localagent.api.LocalAgentApi;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.internal.AtomicFiles;
import dev.localagent.core.plugin.internal.Candidate;
import dev.localagent.core.plugin.internal.Discovery;
import dev.localagent.core.plugin.internal.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Installs and removes plugin jars in the user plugin directory. A jar is validated completely
 * before anything is written, and lands by an atomic rename, so a crash leaves no half-installed
 * plugin.
 */
public final class PluginInstaller {
  private final PluginLocations locations;

  public PluginInstaller(PluginLocations locations) {
    this.locations = locations;
  }

  /**
   * Validates {@code jar} and copies it into the user plugin directory.
   *
   * @throws LocalAgentException when the jar is not an installable plugin or its id is taken
   */
  public PluginManifest install(Path jar, List<PluginInfo> installed) {
    PluginManifest manifest = validate(jar);
    for (PluginInfo other : installed) {
      if (other.id().equals(manifest.id())) {
        throw new LocalAgentException(PluginErrors.INSTALL_REFUSED,
            "a plugin with id '" + manifest.id() + "' is already installed at " + other.jar(),
            "remove it first with 'localagent plugins remove " + manifest.id() + "'");
      }
    }
    Path target = locations.installDir().resolve(manifest.id() + "-" + manifest.version() + ".jar");
    try {
      AtomicFiles.copy(jar, target);
    } catch (IOException e) {
      throw new LocalAgentException(GeneralErrors.IO, "cannot copy " + jar + " to " + target + ": " + e.getMessage(),
          "check that " + locations.installDir() + " is writable", e);
    }
    return manifest;
  }

  /** Checks that {@code jar} has a valid manifest for this API and contains its entry class. */
  public static PluginManifest validate(Path jar) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(jar, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new LocalAgentException(GeneralErrors.NOT_FOUND, "no plugin jar at " + jar, "check the path");
    }
    Candidate candidate = Discovery.read(jar, new long[] {attrs.size(), attrs.lastModifiedTime().toMillis()});
    if (candidate.failure() != null) {
      throw candidate.failure().toException();
    }
    PluginManifest manifest = candidate.manifest();
    if (!LocalAgentApi.isCompatible(manifest.apiVersion())) {
      throw new LocalAgentException(PluginErrors.INCOMPATIBLE_API,
          "plugin '" + manifest.id() + "' was built for API " + manifest.apiVersion()
              + " but this LocalAgent provides API " + LocalAgentApi.VERSION,
          "install a version of the plugin built for API " + LocalAgentApi.VERSION);
    }
    try (var zip = new ZipFile(jar.toFile())) {
      if (zip.getEntry(manifest.entry().replace('.', '/') + ".class") == null) {
        throw new LocalAgentException(PluginErrors.MISSING_CLASS,
            "plugin '" + manifest.id() + "' names entry class " + manifest.entry() + ", which is not in the jar",
            "rebuild the plugin so the jar contains its entry class");
      }
    } catch (IOException e) {
      throw new LocalAgentException(PluginErrors.UNREADABLE_JAR, jar + " cannot be opened as a jar: " + e.getMessage(),
          "use a complete copy of the jar");
    }
    return manifest;
  }

  /**
   * Deletes an installed plugin's jar and forgets its enable/disable choice.
   *
   * @throws LocalAgentException when no such plugin is installed in a directory LocalAgent owns
   */
  public Path remove(String id, List<PluginInfo> installed) {
    PluginInfo info = installed.stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new LocalAgentException(GeneralErrors.NOT_FOUND, "no plugin '" + id + "' is installed",
            "run 'localagent plugins list' to see the installed plugins"));
    Path dir = info.jar().getParent();
    if (!locations.dirs().subList(0, Math.min(2, locations.dirs().size())).contains(dir)) {
      throw new LocalAgentException(PluginErrors.INSTALL_REFUSED, "plugin '" + id + "' lives in " + dir
          + ", which LocalAgent does not manage", "delete " + info.jar() + " yourself");
    }
    try {
      Files.deleteIfExists(info.jar());
      StateFile.forget(locations.stateFile(), id);
    } catch (IOException e) {
      throw new LocalAgentException(GeneralErrors.IO, "cannot delete " + info.jar() + ": " + e.getMessage(),
          "check the file's permissions", e);
    }
    return info.jar();
  }

  /** Persists an enable or disable choice for {@code id}. */
  public void setEnabled(String id, boolean enabled) {
    try {
      StateFile.set(locations.stateFile(), id, enabled);
    } catch (IOException e) {
      throw new LocalAgentException(GeneralErrors.IO, "cannot write " + locations.stateFile() + ": " + e.getMessage(),
          "check that the data directory is writable", e);
    }
  }
}
