package dev.localagent.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that builds its own picocli model with the programmatic API instead of annotations.
 * Reading a class's annotations makes the JDK generate a dynamic proxy class per annotation
 * type, at every start (the AOT cache cannot hold them), and picocli reflects every field and
 * method of an annotated class. Worth it for the commands on a measured start-up path ({@code
 * plugins list}); {@link Subcommands} registers both kinds. The class needs a public no-argument
 * constructor and {@link #spec()} named as its {@code SUBCOMMANDS} entry.
 */
public interface SpecCommand {
  /** This command's model, bound to this object: picocli calls its {@code run} or {@code call}. */
  CommandSpec spec();
}
