package dev.localagent.bench.plugins;

import dev.localagent.bench.plugins.PluginBench.Row;
import java.util.List;
import java.util.Locale;

/** Formats benchmark rows as the Markdown table recorded in docs/CAPACITY.md. */
public final class PluginBenchReport {
  private PluginBenchReport() {}

  public static String header() {
    return "| N | cold discovery ms | warm discovery ms | `plugins list` wall ms | eager activation ms"
        + " | PF4J load+start ms | PF4J / ours | activation CPU ms ours / PF4J (PF4J / ours)"
        + " | fresh JVM: activation ms ours / PF4J (PF4J / ours) | JVM floor ms (ours / floor)"
        + " | heap KiB/registered | heap KiB/active | PF4J heap KiB/active"
        + " | RSS KiB/active |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  public static String row(Row r) {
    return String.format(Locale.ROOT,
        "| %d | %.1f | %.1f | %.0f | %.0f | %.0f | %.2fx | %.0f / %.0f (%.2fx) | %.0f / %.0f (%.2fx) | %.0f (%.2fx)"
            + " | %.1f | %.1f | %.1f | %.1f |",
        r.n(), r.coldMs(), r.warmMs(), r.listMs(), r.activation().oursMs(), r.activation().pf4jMs(),
        r.activation().ratio(), r.activation().oursCpuMs(), r.activation().pf4jCpuMs(), r.activation().cpuRatio(),
        r.freshActivation().oursMs(), r.freshActivation().pf4jMs(), r.freshActivation().ratio(),
        r.floorMs(), r.activation().oursMs() / r.floorMs(),
        r.heapPerRegisteredKb(), r.heapPerActiveKb(), r.pf4jHeapPerActiveKb(), r.rssPerActiveKb());
  }

  public static String table(List<Row> rows) {
    var text = new StringBuilder(header()).append('\n');
    rows.forEach(r -> text.append(row(r)).append('\n'));
    return text.toString();
  }
}
