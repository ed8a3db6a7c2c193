package dev.localagent.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version stamped into the jar manifest at build time. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "localagent " + (version == null ? "dev" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
