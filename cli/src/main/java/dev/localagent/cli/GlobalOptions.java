package dev.localagent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts; inherited by all subcommands. */
public final class GlobalOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Use this config file instead of the user config file.")
  public Path config;

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Directory tools are confined to (default: current directory).")
  public Path workdir;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description = "Log level for the log file: error, warn, info, debug, trace (default: info).")
  public String logLevel;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON instead of text.")
  public boolean json;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "Never print ANSI colours (NO_COLOR is honoured too).")
  public boolean noColor;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show cause chains and stack traces for errors.")
  public boolean debug;
}
