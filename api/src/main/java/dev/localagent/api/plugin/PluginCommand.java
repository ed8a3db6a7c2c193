package dev.localagent.api.plugin;

import java.util.List;

/** A command a plugin adds to the CLI, run as {@code localagent plugins run NAME ARGS...}. */
public interface PluginCommand {

  /** The command's name, unique across plugins, e.g. {@code "greet"}. */
  String name();

  /** One line saying what the command does. */
  String help();

  /**
   * Runs the command.
   *
   * @return the process exit code, 0 for success
   */
  int run(List<String> args, CommandIO io) throws Exception;
}
