package dev.localagent.core.plugin;

import dev.localagent.core.plugin.internal.Generation;
import dev.localagent.core.plugin.internal.ListingFile;
import dev.localagent.core.plugin.internal.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * What {@code plugins list} shows: every plugin with its status, as a {@link PluginHost} resolves
 * them, but taken from the saved listing ({@code plugin-list.bin} beside the index) when no jar,
 * directory or enable/disable choice changed since it was written. Only listing uses it: tools,
 * runs and activation need the host's slots, which the saved listing does not build.
 */
public final class PluginListing {
  private final PluginLocations locations;
  private final PluginsConfig config;
  private ListingFile.Listing saved;
  private List<PluginInfo> resolved;

  private PluginListing(PluginLocations locations, PluginsConfig config, ListingFile.Listing saved) {
    this.locations = locations;
    this.config = config;
    this.saved = saved;
  }

  /**
   * The saved listing when it is intact and still matches the jars and choices; otherwise the
   * full path runs when the plugins are first asked for: discover and resolve with a
   * {@link PluginHost}, then save the outcome for the next listing (a read-only data directory
   * only costs that one the full path again).
   */
  public static PluginListing load(PluginLocations locations, PluginsConfig config) {
    SortedSet<String> disabled;
    try {
      disabled = disabled(locations, config);
    } catch (IOException e) {
      return new PluginListing(locations, config, null); // The full path reports the unreadable state file.
    }
    return new PluginListing(locations, config, ListingFile.read(file(locations), locations.dirs(), disabled));
  }

  /** Where the listing is saved: beside the index, as {@code plugin-list.bin}. */
  public static Path file(PluginLocations locations) {
    return locations.indexFile().resolveSibling("plugin-list.bin");
  }

  private static SortedSet<String> disabled(PluginLocations locations, PluginsConfig config) throws IOException {
    return StateFile.effectiveDisabled(config.disabled(), StateFile.read(locations.stateFile()));
  }

  /** Whether this listing is served from the saved file (no discovery or resolution runs). */
  public boolean fromSavedListing() {
    return saved != null;
  }

  /** For the table: id, version, status, tool count, description or failure. */
  public List<PluginSummary> summaries() {
    List<PluginSummary> fromFile = fromSaved(ListingFile.Listing::summaries);
    return fromFile != null ? fromFile : resolve().stream().map(PluginSummary::of).toList();
  }

  /** Every plugin with its manifest, as {@link PluginHost#plugins()} gives them in a fresh host. */
  public List<PluginInfo> plugins() {
    List<PluginInfo> fromFile = fromSaved(ListingFile.Listing::plugins);
    return fromFile != null ? fromFile : resolve();
  }

  /**
   * {@code read} of the saved listing, or null when there is none or it is damaged in a way the
   * checksum did not catch (then the full path serves from here on).
   */
  private <T> List<T> fromSaved(Function<ListingFile.Listing, List<T>> read) {
    if (saved != null) {
      try {
        return read.apply(saved);
      } catch (RuntimeException e) {
        saved = null;
      }
    }
    return null;
  }

  private List<PluginInfo> resolve() {
    if (resolved == null) {
      try (PluginHost host = PluginHost.open(locations, config)) {
        Generation generation = host.generation();
        resolved = generation.resolution().plugins();
        try {
          ListingFile.write(file(locations), locations.dirs(), generation.resolution().disabled(),
              generation.candidates(), resolved);
        } catch (IOException e) {
          // As with the index: the next listing takes the full path again.
        }
      }
    }
    return resolved;
  }
}
