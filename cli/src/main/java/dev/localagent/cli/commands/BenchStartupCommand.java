package dev.localagent.cli.commands;

import dev.localagent.bench.StartupBench;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.core.error.GeneralErrors;
import dev.localagent.core.error.LocalAgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench startup}: wall time and peak RSS of {@code --version}, side by side. */
@Command(
    name = "startup",
    description = "Median wall time and peak RSS of 'localagent --version' over N runs, next to the JVM floor and any agent CLI on PATH.",
    footer = {"", "Examples:", "  localagent bench startup", "  localagent bench startup --runs 50 --json",
      "  localagent bench startup --baseline ../main/localagent   before/after in one run"})
public final class BenchStartupCommand implements Callable<Integer> {
  static final List<String> AGENT_CLIS = List.of("codex", "claude", "gemini", "aider", "llm");

  @Option(names = "--runs", defaultValue = "20", description = "Runs per command (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--baseline", paramLabel = "LAUNCHER",
      description = "Another checkout's ./localagent (e.g. a build of main) to time in the same run, for a before/after ratio.")
  Path baseline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var context = ((LocalAgentCommand) spec.root().userObject()).contextWithoutConfig();
    if (baseline != null && !Files.isExecutable(baseline)) {
      throw new LocalAgentException(GeneralErrors.USAGE, "--baseline " + baseline + " is not an executable file",
          "give another checkout's launcher, e.g. --baseline ../main/localagent");
    }
    Path jar = BenchSupport.cliJar();
    Path root = jar.getParent().getParent().getParent();
    String java = ProcessHandle.current().info().command().orElse("java");
    // The launcher's flags for --version (see ./localagent).
    var fast = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djdk.console=java.base", "-Xmn4m",
        "-XX:-UsePerfData", "-Djdk.reflect.useNativeAccessorOnly=true", "-Xint");
    // One untimed run of each launcher first: the first run after a build trains the AOT cache
    // (seconds), which would land in the timed runs.
    warmUp(root.resolve("localagent"));
    if (baseline != null) {
      warmUp(baseline.toAbsolutePath());
    }
    var commands = new ArrayList<StartupBench.Command>();
    commands.add(new StartupBench.Command("./localagent --version", List.of(root.resolve("localagent").toString(), "--version")));
    if (baseline != null) {
      commands.add(new StartupBench.Command(baseline + " --version (baseline)",
          List.of(baseline.toAbsolutePath().toString(), "--version")));
    }
    var direct = new ArrayList<String>(List.of(java));
    direct.addAll(fast);
    Path aot = jar.resolveSibling("localagent.aot");
    if (Files.exists(aot)) {
      direct.addAll(List.of("-XX:AOTCache=" + aot, "-Xlog:aot=error", "-Xlog:cds=error"));
    }
    // The launcher names the main class on the class path for a bare --version (no manifest read).
    direct.addAll(List.of("-cp", jar.toString(), "dev.localagent.cli.Main", "--version"));
    commands.add(new StartupBench.Command("java (launcher flags + AOT) -cp Main --version", direct));
    commands.add(new StartupBench.Command("java -jar --version (no flags, no AOT)", List.of(java, "-jar", jar.toString(), "--version")));
    var floorCommand = new ArrayList<String>(List.of(java));
    floorCommand.addAll(fast.subList(0, 2));
    floorCommand.add("-version");
    commands.add(new StartupBench.Command("java -version (JVM floor)", floorCommand));
    int agentsFrom = commands.size();
    for (Path cli : StartupBench.agentClisOnPath(AGENT_CLIS)) {
      commands.add(new StartupBench.Command(cli.getFileName() + " --version", List.of(cli.toString(), "--version")));
    }
    // Interleaved: one run of each command per round, so load changes hit every row alike.
    var results = StartupBench.measureInterleaved(commands, runs);
    var ours = results.getFirst();
    var before = baseline == null ? null : results.get(1);
    var floor = results.get(agentsFrom - 1);
    var agentClis = results.subList(agentsFrom, results.size()).stream().map(StartupBench.Result::label).toList();
    var rows = results.stream().map(r -> List.of(r.label(), fmt(r.medianMillis()), fmt(r.p90Millis()),
        fmt(r.medianRssMb()), ratio(r.medianMillis() / floor.medianMillis()), String.valueOf(r.failures()))).toList();
    context.err().println(BenchSupport.machine() + "; runs=" + runs + "; agent CLIs on PATH: "
        + (agentClis.isEmpty() ? "none of " + AGENT_CLIS : agentClis));
    if (before != null) {
      context.err().println("./localagent --version vs baseline: "
          + ratio(ours.medianMillis() / before.medianMillis()) + " median wall, "
          + ratio(ours.medianRssMb() / before.medianRssMb()) + " median peak RSS");
    }
    Printer.of(context).table(List.of("command", "median_ms", "p90_ms", "rss_mb", "vs_floor", "failures"), rows,
        Printer.CellStyler.NONE);
    return 0;
  }

  private static void warmUp(Path launcher) throws java.io.IOException, InterruptedException {
    new ProcessBuilder(launcher.toString(), "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  static String ratio(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
  }

  static String fmt(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
  }
}
