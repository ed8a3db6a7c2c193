package dev.localagent.bench.plugins;

import dev.localagent.bench.tools.Jit;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginLocations;
import dev.localagent.core.plugin.PluginsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pf4j.PluginManager;

/**
 * {@code localagent bench plugins}: for each N, generates N plugin jars and measures, as medians
 * of repeated runs, cold and warm discovery, the wall time of {@code localagent plugins list} as
 * a separate process, eager activation of all N beside PF4J, and retained heap and RSS.
 */
public final class PluginBench {
  /** One row of results; times in milliseconds, memory in KiB. */
  public record Row(int n, double coldMs, double warmMs, double listMs, Paired activation, Paired freshActivation,
      double heapPerRegisteredKb, double heapPerActiveKb, double pf4jHeapPerActiveKb, double rssPerActiveKb) {}

  /** Medians of eager activation of all N, ours and PF4J's, timed in turns: wall and whole-JVM CPU. */
  public record Paired(double oursMs, double pf4jMs, double oursCpuMs, double pf4jCpuMs) {
    double ratio() {
      return pf4jMs / oursMs;
    }

    double cpuRatio() {
      return pf4jCpuMs / oursCpuMs;
    }
  }

  /**
   * A warm-up pair (ours, then PF4J) during which the JIT compiled less than this counts as
   * settled. One round of warm-up was not enough: with 1000 plugins C2 still spent 200-900 ms per
   * round compiling both loaders' paths (the class loading and reflection they share, each side's
   * own code) for the next eight rounds, on the same two cores the timed activation ran on. A
   * round never compiles nothing at all: each one unloads the previous round's 1000 class
   * loaders, and code that depended on their classes is compiled again.
   */
  static final long SETTLED_JIT_MILLIS_PER_PAIR = 50;
  static final int MAX_WARMUP_PAIRS = 20;
  private static final long MAX_WARMUP_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(120);

  private final Path workDir;
  private final Path launcher;
  private final Path baseline;
  private final int repeats;
  private final PrintWriter log;
  private final BenchPluginJars jars = new BenchPluginJars();

  public PluginBench(Path workDir, Path launcher, int repeats, PrintWriter log) {
    this(workDir, launcher, null, repeats, log);
  }

  /** {@code baseline}: another build's launcher whose {@code plugins list} is timed in turns with ours, or null. */
  public PluginBench(Path workDir, Path launcher, Path baseline, int repeats, PrintWriter log) {
    this.workDir = workDir;
    this.launcher = launcher;
    this.baseline = baseline;
    this.repeats = repeats;
    this.log = log;
  }

  public List<Row> run(List<Integer> counts) throws IOException, InterruptedException {
    Pf4jLoader.quietLogging();
    var rows = new ArrayList<Row>();
    for (int n : counts) {
      rows.add(measure(n));
      log.println(PluginBenchReport.row(rows.getLast()));
      log.flush();
    }
    return rows;
  }

  private Row measure(int n) throws IOException, InterruptedException {
    Path home = workDir.resolve("n" + n);
    Path dir = pluginDir(home);
    if (!Files.isDirectory(dir) || ProcessWall.countJars(dir) != n) {
      ProcessWall.deleteTree(home);
      jars.write(dir, n);
    }
    PluginLocations locations = locations(home);
    int reps = n >= 5000 ? Math.max(1, repeats / 2) : repeats;
    double cold = median(reps, () -> {
      Files.deleteIfExists(locations.indexFile());
      return timeOpen(locations, n);
    });
    double warm = median(reps, () -> timeOpen(locations, n));
    double list = baseline == null ? ProcessWall.median(reps, launcher, home, "plugins", "list")
        : listBesideBaseline(reps, home, n);
    Paired fresh = FreshActivation.alternating(reps, home, n);
    log.printf("N=%d eager activation in fresh JVMs, in turns, median of %d: ours %.0f ms (CPU %.0f), PF4J %.0f ms"
        + " (CPU %.0f): %.2fx wall, %.2fx CPU%n", n, reps, fresh.oursMs(), fresh.oursCpuMs(), fresh.pf4jMs(),
        fresh.pf4jCpuMs(), fresh.ratio(), fresh.cpuRatio());
    log.flush();
    Paired activation = settledAlternating(n, reps, () -> timeActivation(locations, n), () -> timePf4j(dir, n));
    double[] memory = memory(locations, dir, n);
    return new Row(n, cold, warm, list, activation, fresh, memory[0], memory[1], memory[2], memory[3]);
  }

  /** Where the N plugins of the home directory {@code home} live (as {@code localagent} sees them there). */
  static Path pluginDir(Path home) {
    return home.resolve("data/localagent/plugins");
  }

  static PluginLocations locations(Path home) {
    Path data = home.resolve("data/localagent");
    return new PluginLocations(List.of(pluginDir(home)), data.resolve("plugin-index.bin"),
        data.resolve("plugin-state.properties"), data.resolve("plugin-data"));
  }

  /** Median wall ms of our {@code plugins list}, timed in turns with the baseline's; prints both and the ratio. */
  private double listBesideBaseline(int reps, Path home, int n) throws IOException {
    double[] both = alternating(reps, () -> ProcessWall.sample(launcher, home, "plugins", "list"),
        () -> ProcessWall.sample(baseline, home, "plugins", "list"));
    log.printf("N=%d plugins list wall, in turns, median of %d: %.1f ms; baseline %s: %.1f ms; ratio %.2fx%n",
        n, reps, both[0], baseline, both[1], both[0] / both[1]);
    log.flush();
    return both[0];
  }

  private static double timeOpen(PluginLocations locations, int n) {
    long start = System.nanoTime();
    try (PluginHost host = PluginHost.open(locations, PluginsConfig.DEFAULT)) {
      double ms = (System.nanoTime() - start) / 1e6;
      check(host.plugins().size() == n, "discovered " + host.plugins().size() + " of " + n);
      return ms;
    }
  }

  /**
   * Activation of both sides in this JVM, timed in turns once the JIT has settled: warm-up pairs
   * until one compiles less than {@link #SETTLED_JIT_MILLIS_PER_PAIR} (at most {@link
   * #MAX_WARMUP_PAIRS}, or two minutes), then {@code reps} timed pairs. Prints how many warm-up
   * pairs ran and how much the JIT compiled during the timed pairs, so a reader sees how settled
   * the figure is.
   */
  private Paired settledAlternating(int n, int reps, Sampled ours, Sampled pf4j) throws IOException {
    long startJit = Jit.compileMillis();
    long deadline = System.nanoTime() + MAX_WARMUP_NANOS;
    int pairs = 0;
    boolean settled = false;
    while (!settled && pairs < MAX_WARMUP_PAIRS && System.nanoTime() - deadline < 0) {
      long before = Jit.compileMillis();
      fullGc();
      ours.run();
      fullGc();
      pf4j.run();
      pairs++;
      settled = Jit.compileMillis() - before < SETTLED_JIT_MILLIS_PER_PAIR;
    }
    long timedStart = Jit.compileMillis();
    double[] both = alternating(reps, 0, ours, pf4j);
    long timedJit = Jit.compileMillis() - timedStart;
    log.printf("N=%d eager activation in this JVM: %d warm-up pairs (%s; JIT %d ms), then %d timed pairs in turns"
        + " during which the JIT compiled %d ms in all%n", n, pairs,
        settled ? "settled: the last compiled < " + SETTLED_JIT_MILLIS_PER_PAIR + " ms" : "NOT settled", timedStart - startJit,
        reps, timedJit);
    log.flush();
    return new Paired(both[0], both[1], both[2], both[3]);
  }

  /** Wall and process CPU milliseconds of opening the host and starting all N plugins. */
  static double[] timeActivation(PluginLocations locations, int n) {
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    try (PluginHost host = PluginHost.open(locations, PluginsConfig.DEFAULT)) {
      host.activateAll();
      double[] sample = {(System.nanoTime() - start) / 1e6, (processCpuNanos() - cpu) / 1e6};
      long active = host.plugins().stream().filter(p -> p.status() == PluginInfo.Status.ACTIVE).count();
      check(active == n, "activated " + active + " of " + n);
      return sample;
    }
  }

  static double[] timePf4j(Path dir, int n) {
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    PluginManager manager = Pf4jLoader.loadAndStart(dir, n);
    double[] sample = {(System.nanoTime() - start) / 1e6, (processCpuNanos() - cpu) / 1e6};
    Pf4jLoader.stop(manager);
    return sample;
  }

  /**
   * CPU time of the whole JVM (all threads, JIT and GC included). Unlike wall time it does not
   * grow when other processes take the cores, and it counts both of our activation threads.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * KiB per plugin: heap retained while registered, while active, the same for PF4J, and RSS
   * growth while active. Retained heap is measured as (heap after GC with the host open) minus
   * (heap after GC once it is closed and unreachable), so garbage from earlier steps cancels out.
   */
  private static double[] memory(PluginLocations locations, Path dir, int n) throws IOException {
    double[] result = new double[4];
    long rssBase = rss();
    PluginHost host = PluginHost.open(locations, PluginsConfig.DEFAULT);
    long registered = usedHeap();
    host.activateAll();
    long active = usedHeap();
    result[3] = (rss() - rssBase) / 1024.0 / n;
    check(host.plugins().size() == n, "lost plugins");
    host.close();
    java.lang.ref.Reference.reachabilityFence(host);
    host = null;
    long without = usedHeap();
    result[0] = (registered - without) / 1024.0 / n;
    result[1] = (active - without) / 1024.0 / n;
    PluginManager manager = Pf4jLoader.loadAndStart(dir, n);
    long pf4jActive = usedHeap();
    Pf4jLoader.stop(manager);
    java.lang.ref.Reference.reachabilityFence(manager);
    manager = null;
    result[2] = (pf4jActive - usedHeap()) / 1024.0 / n;
    return result;
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Resident set size in bytes from /proc (Linux), or 0 elsewhere. */
  static long rss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return 0;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }

  interface Timed {
    double run() throws IOException;
  }

  /** One warm-up run, then the median of {@code reps} runs. */
  static double median(int reps, Timed timed) throws IOException {
    timed.run();
    double[] samples = new double[reps];
    for (int i = 0; i < reps; i++) {
      samples[i] = timed.run();
    }
    return median(samples);
  }

  interface Sampled {
    /** Wall and CPU milliseconds of one run. */
    double[] run() throws IOException;
  }

  /**
   * Medians of wall and CPU time of {@code a} and {@code b} sampled in turns (a, b, a, b, ...)
   * after one warm-up of each, each sample after a full GC: {wall a, wall b, CPU a, CPU b}.
   * Taking all of one side first would hand the second the JIT compilations (zip reading, class
   * definition) that the first side's runs paid for, and the first side's garbage to collect.
   */
  static double[] alternating(int reps, Sampled a, Sampled b) throws IOException {
    return alternating(reps, 1, a, b);
  }

  /** As {@link #alternating(int, Sampled, Sampled)} after {@code warmups} untimed pairs. */
  static double[] alternating(int reps, int warmups, Sampled a, Sampled b) throws IOException {
    for (int i = 0; i < warmups; i++) {
      a.run();
      b.run();
    }
    double[][] samples = new double[4][reps];
    for (int i = 0; i < reps; i++) {
      fullGc();
      double[] sa = a.run();
      fullGc();
      double[] sb = b.run();
      samples[0][i] = sa[0];
      samples[1][i] = sb[0];
      samples[2][i] = sa[1];
      samples[3][i] = sb[1];
    }
    return new double[] {median(samples[0]), median(samples[1]), median(samples[2]), median(samples[3])};
  }

  static void fullGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
  }

  static double median(double[] samples) {
    Arrays.sort(samples);
    int reps = samples.length;
    return reps % 2 == 1 ? samples[reps / 2] : (samples[reps / 2 - 1] + samples[reps / 2]) / 2;
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark run is invalid: " + what);
    }
  }

  static Map<String, String> machine() {
    return Map.of("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()),
        "java", Runtime.version().toString(), "os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }
}
