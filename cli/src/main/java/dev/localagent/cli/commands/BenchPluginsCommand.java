package dev.localagent.cli.commands;

import dev.localagent.bench.plugins.PluginBench;
import dev.localagent.bench.plugins.PluginBenchReport;
import dev.localagent.cli.LocalAgentCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench plugins}: discovery, list, activation and memory with N plugins vs PF4J. */
@Command(
    name = "plugins",
    description = {
      "Generate N real plugin jars and measure cold and warm discovery, 'localagent plugins list' as a",
      "whole process, eager activation of all N beside PF4J 3.13.0, and heap and RSS per plugin.",
      "Each figure is the median of --repeats runs after one warm-up run; eager activation in this JVM",
      "is timed once the JIT has settled (warm-up rounds until two compile < 50 ms each) beside PF4J and",
      "the JVM floor (the same classes defined from memory), and also in fresh JVMs, one per run and",
      "side, as a long-running process activates its plugins once at start."
    },
    footer = {"", "Examples:", "  localagent bench plugins --counts 10,100,1000",
        "  localagent bench plugins --repeats 3 --dir /tmp/plugin-bench",
        "  localagent bench plugins --counts 100,1000 --repeats 5 --baseline ../main/localagent"})
public final class BenchPluginsCommand implements Callable<Integer> {
  @Option(names = "--counts", split = ",", paramLabel = "N,...",
      description = "Plugin counts to measure (default: 10,50,100,500,1000,5000,10000).")
  List<Integer> counts = List.of(10, 50, 100, 500, 1000, 5000, 10000);

  @Option(names = "--repeats", paramLabel = "R", description = "Timed runs per figure (default: 5).")
  int repeats = 5;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to generate the jars (default: a temp dir).")
  Path dir;

  @Option(names = "--launcher", paramLabel = "FILE", description = "The launcher to time (default: ./localagent).")
  Path launcher = Path.of("localagent");

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Another build's launcher: its 'plugins list' is timed in turns with ours and the ratio printed.")
  Path baseline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    Path work = dir != null ? dir : Files.createTempDirectory("localagent-plugin-bench");
    Path script = context.workdir().resolve(launcher).toAbsolutePath().normalize();
    var out = context.out();
    out.println("bench plugins: counts=" + counts + " repeats=" + repeats + " dir=" + work + " launcher=" + script);
    out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version()
        + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
    out.println(PluginBenchReport.header());
    out.flush();
    Path base = baseline == null ? null : context.workdir().resolve(baseline).toAbsolutePath().normalize();
    var rows = new PluginBench(work, script, base, repeats, out).run(counts);
    out.println();
    out.println("targets at N=1000: plugins list <= 200 ms, warm discovery <= 30 ms, activation >= 2x PF4J,"
        + " <= 64 KiB heap per registered plugin");
    rows.stream().filter(r -> r.n() == 1000).findFirst().ifPresent(r -> out.println(PluginBenchReport.row(r)));
    return 0;
  }
}
