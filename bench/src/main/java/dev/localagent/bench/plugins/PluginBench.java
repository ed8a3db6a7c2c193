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
      double floorMs, double heapPerRegisteredKb, double heapPerActiveKb, double pf4jHeapPerActiveKb,
      double rssPerActiveKb) {}

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
   * Two warm-up rounds in a row (ours, PF4J, the JVM floor; each followed by a wait for the
   * compiles it queued) in which the JIT compiled less than this count as settled. One round of
   * warm-up was not enough: with 1000 plugins C2 still spent 200-900 ms per round compiling both loaders' paths (the class loading and reflection they share, each side's
   * own code) for the next eight rounds, on the same two cores the timed activation ran on. A
   * round never compiles nothing at all: each one unloads the previous round's 1000 class
   * loaders, and code that depended on their classes is compiled again.
   */
  static final long SETTLED_JIT_MILLIS_PER_ROUND = 50;
  /**
   * Warm-up rounds stop at this many plugin starts per side (20 rounds of 1000), or two minutes:
   * the JIT's thresholds count calls, so a small N needs more rounds to reach them.
   */
  static final int MAX_WARMUP_STARTS = 20_000;
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
    JvmFloor floor = JvmFloor.read(dir, n);
    double[][] settled = settledInTurns(n, reps,
        List.of(() -> timeActivation(locations, n), () -> timePf4j(dir, n), floor::time));
    var activation = new Paired(settled[0][0], settled[1][0], settled[0][1], settled[1][1]);
    log.printf("N=%d eager activation in this JVM, in turns, median of %d: ours %.0f ms (CPU %.0f), PF4J %.0f ms (CPU %.0f),"
        + " JVM floor %.0f ms (CPU %.0f): ours %.2fx the floor's wall, %.2fx its CPU%n", n, reps, settled[0][0],
        settled[0][1], settled[1][0], settled[1][1], settled[2][0], settled[2][1], settled[0][0] / settled[2][0],
        settled[0][1] / settled[2][1]);
    double[] memory = memory(locations, dir, n);
    return new Row(n, cold, warm, list, activation, fresh, settled[2][0], memory[0], memory[1], memory[2], memory[3]);
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
    // The baseline gets its own copy of the jars and data directory: the saved listing is keyed
    // by the build that wrote it, so two builds sharing one would each find the other's and
    // time a full discovery every turn.
    Path baselineHome = workDir.resolve("n" + n + "-baseline");
    ProcessWall.deleteTree(baselineHome);
    ProcessWall.copyJars(pluginDir(home), pluginDir(baselineHome));
    double[] both = alternating(reps, () -> ProcessWall.sample(launcher, home, "plugins", "list"),
        () -> ProcessWall.sample(baseline, baselineHome, "plugins", "list"));
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
   * Activation by each side in this JVM (ours, PF4J, the JVM floor), timed in turns once the JIT
   * has settled: warm-up rounds of all sides until two in a row compile less than {@link
   * #SETTLED_JIT_MILLIS_PER_ROUND} each (at most 20 rounds or {@link #MAX_WARMUP_STARTS} plugin
   * starts per side, whichever is more, or two minutes), then {@code reps} timed rounds. Prints how many warm-up rounds ran and how much the JIT compiled
   * during the timed ones, so a reader sees how settled the figures are.
   *
   * @return per side, the median {wall, CPU} milliseconds
   */
  private double[][] settledInTurns(int n, int reps, List<Sampled> sides) throws IOException {
    long startJit = Jit.compileMillis();
    long deadline = System.nanoTime() + MAX_WARMUP_NANOS;
    int maxRounds = Math.max(20, MAX_WARMUP_STARTS / n);
    int rounds = 0;
    int quietRounds = 0;
    while (quietRounds < 2 && rounds < maxRounds && System.nanoTime() - deadline < 0) {
      long before = Jit.compileMillis();
      for (Sampled side : sides) {
        fullGc();
        side.run();
      }
      // The counter grows when a compile finishes: let what the round queued finish first.
      awaitQuietJit();
      rounds++;
      quietRounds = Jit.compileMillis() - before < SETTLED_JIT_MILLIS_PER_ROUND ? quietRounds + 1 : 0;
    }
    boolean settled = quietRounds == 2;
    long timedStart = Jit.compileMillis();
    double[][] medians = inTurns(reps, 0, sides);
    long timedJit = Jit.compileMillis() - timedStart;
    log.printf("N=%d eager activation in this JVM: %d warm-up rounds (%s; JIT %d ms), then %d timed rounds in turns"
        + " during which the JIT compiled %d ms in all%n", n, rounds,
        settled ? "settled: the last two compiled < " + SETTLED_JIT_MILLIS_PER_ROUND + " ms each" : "NOT settled",
        timedStart - startJit, reps, timedJit);
    log.flush();
    return medians;
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
    double[][] medians = inTurns(reps, warmups, List.of(a, b));
    return new double[] {medians[0][0], medians[1][0], medians[0][1], medians[1][1]};
  }

  /**
   * Each side sampled {@code reps} times in turns after {@code warmups} untimed rounds, each
   * sample after a full GC; per side, the median {wall, CPU}.
   */
  static double[][] inTurns(int reps, int warmups, List<Sampled> sides) throws IOException {
    for (int i = 0; i < warmups; i++) {
      for (Sampled side : sides) {
        side.run();
      }
    }
    double[][][] samples = new double[sides.size()][2][reps];
    for (int i = 0; i < reps; i++) {
      for (int s = 0; s < sides.size(); s++) {
        fullGc();
        double[] sample = sides.get(s).run();
        samples[s][0][i] = sample[0];
        samples[s][1][i] = sample[1];
      }
    }
    double[][] medians = new double[sides.size()][];
    for (int s = 0; s < sides.size(); s++) {
      medians[s] = new double[] {median(samples[s][0]), median(samples[s][1])};
    }
    return medians;
  }

  private static void awaitQuietJit() {
    try {
      Jit.awaitQuiet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
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
