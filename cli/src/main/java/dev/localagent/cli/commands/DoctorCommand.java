package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.cli.Style;
import dev.localagent.core.doctor.CheckResult;
import dev.localagent.core.doctor.Doctor;
import dev.localagent.core.doctor.DoctorPlan;
import dev.localagent.core.error.ExitCode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent doctor}: checks this machine and configuration, with a fix for each failure. */
@Command(
    name = "doctor",
    description = {
      "Check this installation: JDK, config, directories, serve port, Redis and model servers.",
      "Redis and model servers are checked when configured. Prints a table (or JSON) with a fix",
      "hint for each failure.",
      "Exit code: 0 when nothing failed (warnings allowed), 1 when a check failed."
    },
    footer = {"", "Examples:", "  localagent doctor", "  localagent --json doctor"})
public final class DoctorCommand implements Callable<Integer> {
  private static final List<String> COLUMNS = List.of("check", "status", "detail", "hint");

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = (LocalAgentCommand) spec.root().userObject();
    var context = root.contextWithoutConfig();
    var results = Doctor.run(DoctorPlan.checks(root.configLoad(), context.dirs()));
    var rows = results.stream().map(r -> List.of(r.name(), r.status().name(), r.detail(), r.hint())).toList();
    Printer.of(context).table(COLUMNS, rows, DoctorCommand::colour);
    return Doctor.worst(results) == CheckResult.Status.FAIL ? ExitCode.FAILURE.code() : ExitCode.OK.code();
  }

  private static String colour(Style style, String column, String text) {
    if (!column.equals("status")) {
      return text;
    }
    return switch (CheckResult.Status.valueOf(text)) {
      case OK -> style.green(text);
      case WARN -> style.yellow(text);
      case FAIL -> style.red(text);
    };
  }
}
