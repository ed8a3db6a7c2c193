package dev.localagent.cli.commands;

import dev.localagent.bench.StartupBench;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
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
    footer = {"", "Examples:", "  localagent bench startup", "  localagent bench startup --runs 50 --json"})
public final class BenchStartupCommand implements Callable<Integer> {
  static final List<String> AGENT_CLIS = List.of("codex", "claude", "gemini", "aider", "llm");

  @Option(names = "--runs", defaultValue = "20", description = "Runs per command (default: ${DEFAULT-VALUE}).")
  int runs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var context = ((LocalAgentCommand) spec.root().userObject()).contextWithoutConfig();
    Path jar = BenchSupport.cliJar();
    Path root = jar.getParent().getParent().getParent();
    String java = ProcessHandle.current().info().command().orElse("java");
    // The launcher's flags for --version (see ./localagent).
    var fast = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djdk.console=java.base", "-Xmn4m",
        "-XX:-UsePerfData", "-Djdk.reflect.useNativeAccessorOnly=true", "-Xint");
    var results = new ArrayList<StartupBench.Result>();
    results.add(StartupBench.measure("./localagent --version", List.of(root.resolve("localagent").toString(), "--version"), runs));
    var direct = new ArrayList<String>(List.of(java));
    direct.addAll(fast);
    Path aot = jar.resolveSibling("localagent.aot");
    if (Files.exists(aot)) {
      direct.addAll(List.of("-XX:AOTCache=" + aot, "-Xlog:aot=error", "-Xlog:cds=error"));
    }
    direct.addAll(List.of("-jar", jar.toString(), "--version"));
    results.add(StartupBench.measure("java (launcher flags + AOT) -jar --version", direct, runs));
    results.add(StartupBench.measure("java -jar --version (no flags, no AOT)", List.of(java, "-jar", jar.toString(), "--version"), runs));
    var floor = new ArrayList<String>(List.of(java));
    floor.addAll(fast.subList(0, 2));
    floor.add("-version");
    results.add(StartupBench.measure("java -version (JVM floor)", floor, runs));
    for (Path cli : StartupBench.agentClisOnPath(AGENT_CLIS)) {
      results.add(StartupBench.measure(cli.getFileName() + " --version", List.of(cli.toString(), "--version"), runs));
    }
    double floorMillis = results.get(3).medianMillis();
    var rows = results.stream().map(r -> List.of(r.label(), fmt(r.medianMillis()), fmt(r.p90Millis()),
        fmt(r.medianRssMb()), fmt(r.medianMillis() / floorMillis) + "x", String.valueOf(r.failures()))).toList();
    context.err().println(BenchSupport.machine() + "; runs=" + runs + "; agent CLIs on PATH: "
        + (results.size() > 4 ? results.subList(4, results.size()).stream().map(StartupBench.Result::label).toList()
            : "none of " + AGENT_CLIS));
    Printer.of(context).table(List.of("command", "median_ms", "p90_ms", "rss_mb", "vs_floor", "failures"), rows,
        Printer.CellStyler.NONE);
    return 0;
  }

  static String fmt(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
  }
}
