package dev.localagent.bench.plugins;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.plugin.Plugin;
import dev.localagent.api.plugin.PluginContext;
import dev.localagent.api.plugin.PluginLogger;
import dev.localagent.api.plugin.PluginMetrics;
import dev.localagent.core.plugin.internal.ApiOnlyClassLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

/**
 * What the JVM alone charges for the plugins' eager activation: a class loader per plugin whose
 * classes are already in memory (read from the jars before the clock starts), the entry class
 * defined, linked and instantiated by reflection, started, its tool asked for its name, on as
 * many threads as {@code PluginHost.activateAll} uses. No jar is opened, nothing is resolved,
 * recorded or checked, so no plugin system can start the same plugins for less; the distance
 * between this and ours is what our loader adds, the rest is class definition, verification and
 * linking that PF4J pays as well.
 */
final class JvmFloor {
  private static final String ENTRY = "bench.gen.BenchPlugin";

  private final List<String> ids;
  private final List<Map<String, byte[]>> classes;

  private JvmFloor(List<String> ids, List<Map<String, byte[]>> classes) {
    this.ids = ids;
    this.classes = classes;
  }

  /** Reads every class of the {@code n} jars in {@code dir} into memory. */
  static JvmFloor read(Path dir, int n) throws IOException {
    var ids = new ArrayList<String>(n);
    var classes = new ArrayList<Map<String, byte[]>>(n);
    for (int i = 0; i < n; i++) {
      String id = "bench-%05d".formatted(i);
      var bytes = new HashMap<String, byte[]>();
      try (var jar = new ZipFile(dir.resolve(id + ".jar").toFile())) {
        for (var entry : Collections.list(jar.entries())) {
          String name = entry.getName();
          if (name.endsWith(".class")) {
            try (var in = jar.getInputStream(entry)) {
              bytes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
            }
          }
        }
      }
      ids.add(id);
      classes.add(Map.copyOf(bytes));
    }
    return new JvmFloor(ids, classes);
  }

  /** Wall and process CPU milliseconds of starting every plugin; the plugins are dropped after. */
  double[] time() {
    var api = new ApiOnlyClassLoader(JvmFloor.class.getClassLoader());
    int n = ids.size();
    var started = new AtomicInteger();
    int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
    long cpu = PluginBench.processCpuNanos();
    long start = System.nanoTime();
    try (var pool = Executors.newFixedThreadPool(threads)) {
      var futures = new ArrayList<Future<?>>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          startOne(api, ids.get(index), classes.get(index));
          started.incrementAndGet();
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the floor could not start a plugin: " + e.getCause(), e.getCause());
    }
    double[] sample = {(System.nanoTime() - start) / 1e6, (PluginBench.processCpuNanos() - cpu) / 1e6};
    PluginBench.check(started.get() == n, "floor started " + started.get() + " of " + n);
    return sample;
  }

  private static void startOne(ApiOnlyClassLoader api, String id, Map<String, byte[]> classes) {
    try {
      var loader = new InMemoryLoader(id, api, classes);
      Plugin plugin = (Plugin) Class.forName(ENTRY, false, loader).getConstructor().newInstance();
      plugin.start(new BareContext(id));
      PluginBench.check(!plugin.tools().getFirst().spec().name().isEmpty(), "plugin " + id + " has no tool name");
    } catch (Exception | LinkageError e) {
      throw new IllegalStateException("cannot start " + id + ": " + e, e);
    }
  }

  /** Classes from memory, the API from {@code api}, the JDK from the platform loader. */
  private static final class InMemoryLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    InMemoryLoader(String id, ClassLoader api, Map<String, byte[]> classes) {
      super("floor:" + id, api);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  /** The context a bench plugin needs: its id (the bench plugins use nothing else). */
  private record BareContext(String pluginId) implements PluginContext {
    @Override
    public Map<String, Object> config() {
      return Map.of();
    }

    @Override
    public Path dataDir() {
      throw new UncheckedIOException(new IOException("the floor gives plugins no data directory"));
    }

    @Override
    public PluginLogger logger() {
      throw new UnsupportedOperationException("the floor gives plugins no logger");
    }

    @Override
    public PluginMetrics metrics() {
      throw new UnsupportedOperationException("the floor gives plugins no metrics");
    }

    @Override
    public Subscription subscribe(Consumer<SessionEvent> listener) {
      throw new UnsupportedOperationException("the floor gives plugins no events");
    }
  }
}
