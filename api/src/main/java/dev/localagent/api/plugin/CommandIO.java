package dev.localagent.api.plugin;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The terminal a {@link PluginCommand} talks to: its output streams and the working directory. */
public interface CommandIO {
  PrintWriter out();

  PrintWriter err();

  /** The directory the command is confined to. */
  Path workdir();
}
