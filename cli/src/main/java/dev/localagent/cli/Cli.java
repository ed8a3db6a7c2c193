package dev.localagent.cli;

import dev.localagent.core.error.ExitCode;
import dev.localagent.core.error.LocalAgentException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the command tree and runs one command line with the given streams and environment, so
 * tests run the real entry point in-process. Failures are mapped to exit codes here and only here.
 */
public final class Cli {
  static {
    // picocli's default factory looks for Groovy's Closure class; the miss searches every jar on
    // the class path (opening each one) on every start. We use no Groovy.
    System.setProperty("picocli.disable.closures", "true");
  }

  private Cli() {}

  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (VersionProvider.isBareVersionRequest(args)) {
      // Answered before picocli is touched: building the command tree was half of --version's
      // time in main, and its ~400 classes (picocli, java.time converters) were all preloaded
      // from the short AOT cache at every start. Same lines as picocli prints for -V.
      VersionProvider.print(out);
      return ExitCode.OK.code();
    }
    var root = new LocalAgentCommand(env);
    StartupTrace.mark("root command object");
    var commandLine = new CommandLine(root.commandSpec());
    StartupTrace.mark("root command line");
    Subcommands.register(commandLine, LocalAgentCommand.SUBCOMMANDS, args);
    GlobalOptions.addHelpOptions(root.commandSpec());
    StartupTrace.mark("subcommands registered");
    boolean noColor = env.containsKey("NO_COLOR") || java.util.Arrays.asList(args).contains("--no-color");
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
        noColor ? CommandLine.Help.Ansi.OFF : CommandLine.Help.Ansi.AUTO));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> reportFailure(ex, cmd, root.globals().debug));
    commandLine.setParameterExceptionHandler(
        (ex, argv) -> {
          var cmd = ex.getCommandLine();
          cmd.getErr().println("error[LA-GEN-004]: " + ex.getMessage());
          cmd.getErr().println("hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage");
          return ExitCode.USAGE.code();
        });
    commandLine.setExitCodeExceptionMapper(
        ex -> ex instanceof LocalAgentException la ? la.exitCode().code() : ExitCode.FAILURE.code());
    return commandLine.execute(args);
  }

  private static int reportFailure(Exception ex, CommandLine cmd, boolean debug) {
    var err = cmd.getErr();
    if (ex instanceof LocalAgentException la) {
      err.println("error[" + la.code().id() + "]: " + la.getMessage());
      if (!la.hint().isEmpty()) {
        err.println("hint: " + la.hint());
      }
      if (debug && la.getCause() != null) {
        la.getCause().printStackTrace(err);
      }
      return la.exitCode().code();
    }
    err.println("error[LA-GEN-001]: unexpected failure: " + ex);
    err.println("hint: rerun with --debug for details and report it if it persists");
    if (debug) {
      ex.printStackTrace(err);
    }
    return ExitCode.FAILURE.code();
  }
}
