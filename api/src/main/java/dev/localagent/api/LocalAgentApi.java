package dev.localagent.api;

/** The plugin API's version. A plugin built for another major version is refused. */
public final class LocalAgentApi {
  /** Major.minor of this API; minor versions only add. */
  public static final String VERSION = "1.0";

  private LocalAgentApi() {}
}
