package dev.localagent.api;

/** The plugin API's version. A plugin built for another major version is refused. */
public final class LocalAgentApi {
  /** Major.minor of this API; minor versions only add. */
  public static final String VERSION = "1.0";

  private LocalAgentApi() {}

  /**
   * Whether a plugin built against API {@code pluginApiVersion} ("major.minor") runs on this API:
   * the same major, and a minor no newer than ours (minor versions only add).
   */
  public static boolean isCompatible(String pluginApiVersion) {
    int[] ours = parse(VERSION);
    int[] theirs = parse(pluginApiVersion);
    return theirs != null && theirs[0] == ours[0] && theirs[1] <= ours[1];
  }

  private static int[] parse(String version) {
    if (version == null) {
      return null;
    }
    String[] parts = version.trim().split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return new int[] {major, minor};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
