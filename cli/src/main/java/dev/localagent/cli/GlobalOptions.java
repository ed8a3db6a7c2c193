package dev.localagent.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts; inherited by all subcommands. Declared through picocli's
 * programmatic API rather than annotations: reading an annotation makes the JDK generate a
 * dynamic proxy class, which the AOT cache cannot hold, and the root command is on the path of
 * every invocation (see docs/CAPACITY.md, Startup).
 */
public final class GlobalOptions {
  public Path config;
  public Path workdir;
  public String logLevel;
  public boolean json;
  public boolean noColor;
  public boolean debug;

  /** Adds the global options, bound to this object's fields, and --help/--version to {@code spec}. */
  void addTo(CommandSpec spec) {
    spec.addOption(option("--config", Path.class, () -> config, v -> config = v)
        .paramLabel("FILE").description("Use this config file instead of the user config file.").build());
    spec.addOption(option("--workdir", Path.class, () -> workdir, v -> workdir = v)
        .paramLabel("DIR").description("Directory tools are confined to (default: current directory).").build());
    spec.addOption(option("--log-level", String.class, () -> logLevel, v -> logLevel = v)
        .paramLabel("LEVEL")
        .description("Log level for the log file: error, warn, info, debug, trace (default: info).").build());
    spec.addOption(option("--json", boolean.class, () -> json, v -> json = v)
        .description("Print machine-readable JSON instead of text.").build());
    spec.addOption(option("--no-color", boolean.class, () -> noColor, v -> noColor = v)
        .description("Never print ANSI colours (NO_COLOR is honoured too).").build());
    spec.addOption(option("--debug", boolean.class, () -> debug, v -> debug = v)
        .description("Show cause chains and stack traces for errors.").build());
    addHelpOptions(spec);
  }

  /**
   * Adds -h/--help and -V/--version to {@code spec} and every subcommand under it that has no
   * -h of its own (picocli's {@code help} command has), as picocli's mixinStandardHelpOptions
   * does, without the annotated mixin class it reflects.
   */
  static void addHelpOptions(CommandSpec spec) {
    if (!spec.optionsMap().containsKey("-h") && !spec.optionsMap().containsKey("--help")) {
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this help message and exit.").build());
      spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
          .description("Print version information and exit.").build());
    }
    for (var sub : spec.subcommands().values()) {
      addHelpOptions(sub.getCommandSpec());
    }
  }

  private static <T> OptionSpec.Builder option(String name, Class<T> type, Supplier<T> get, Consumer<T> set) {
    // Booleans start as false, not null, when picocli resets options before parsing.
    Object initial = type == boolean.class ? Boolean.FALSE : null;
    return OptionSpec.builder(name).type(type).scopeType(ScopeType.INHERIT).initialValue(initial).getter(new IGetter() {
      @Override
      @SuppressWarnings("unchecked")
      public <R> R get() {
        return (R) get.get();
      }
    }).setter(new ISetter() {
      @Override
      @SuppressWarnings("unchecked")
      public <R> R set(R value) {
        R old = (R) get.get();
        set.accept((T) value);
        return old;
      }
    });
  }
}
