package dev.localagent.cli;

import java.io.PrintStream;
import picocli.CommandLine.IVersionProvider;

/** Reads the version stamped into the jar manifest at build time. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return lines();
  }

  /** The version lines {@code --version} prints, through picocli or {@link #print}. */
  static String[] lines() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "localagent " + (version == null ? "dev" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }

  /**
   * True for a command line that is only {@code --version} or {@code -V}: {@link Cli} answers it
   * without building the command tree. Anything more ({@code --json --version}, {@code config -V})
   * goes through picocli, which prints the same lines.
   */
  static boolean isBareVersionRequest(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  /** Prints {@link #lines()} as picocli's version help does, one line each. */
  static void print(PrintStream out) {
    for (String line : lines()) {
      out.println(line);
    }
    out.flush();
  }
}
