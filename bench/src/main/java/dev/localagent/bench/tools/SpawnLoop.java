package dev.localagent.bench.tools;

import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.core.tool.builtin.ShellExecTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Java side of the subprocess benchmark, run in a fresh JVM per launch mechanism (the JDK
 * reads {@code jdk.lang.Process.launchMechanism} once). Spawns {@code /bin/echo hello} with
 * output captured, COUNT times per thread, after WARMUP commands split over the same threads: a
 * method called once per command is compiled by C2 only after about 5,000 calls (the default
 * tier-4 invocation threshold), and until then runs as profiled C1 code while C2 competes with
 * the spawning threads for the cores; a long-running agent is past that. The warm-up queues those
 * compilations; then chunks of 1,000 more commands run until one of them compiles nothing (at
 * most 12), and only then does timing start. Prints "warm-up: <commands> commands" and then
 * "<commands> <seconds>".
 * Usage: SpawnLoop processbuilder|shellexec|shellexec-virtual|ffm COUNT THREADS WARMUP; the
 * {@code -virtual} mode calls from virtual threads, as the agent's tool calls do.
 */
public final class SpawnLoop {
  /** Commands per settling chunk after the warm-up: run until a chunk compiles nothing (see {@link Jit#settle}). */
  private static final int SETTLE_CHUNK = 1000;
  private static final int MAX_SETTLE_CHUNKS = 12;

  private SpawnLoop() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int count = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    boolean virtual = mode.endsWith("-virtual");
    Runnable once = switch (mode) {
      case "processbuilder" -> SpawnLoop::processBuilder;
      case "shellexec", "shellexec-virtual" -> shellExec();
      case "ffm" -> SpawnLoop::ffm;
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    };
    run(once, (warmup + threads - 1) / threads, threads, virtual); // JIT and first-use costs stay out
    int perChunk = (SETTLE_CHUNK + threads - 1) / threads;
    int chunks = Jit.settle(() -> run(once, perChunk, threads, virtual), MAX_SETTLE_CHUNKS);
    System.out.println("warm-up: " + (warmup + (long) chunks * perChunk * threads) + " commands");
    long start = System.nanoTime();
    run(once, count, threads, virtual);
    System.out.println((long) count * threads + " " + (System.nanoTime() - start) / 1e9);
  }

  private static void run(Runnable once, int count, int threads, boolean virtual) throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform();
      workers.add(builder.start(() -> {
        for (int i = 0; i < count; i++) {
          once.run();
        }
      }));
    }
    for (Thread worker : workers) {
      worker.join();
    }
  }

  private static void processBuilder() {
    try {
      Process p = new ProcessBuilder("/bin/echo", "hello").start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0 || out.length != 6) {
        throw new IllegalStateException("unexpected result");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Runnable shellExec() {
    var tool = new ShellExecTool(System.getenv(), ShellExecTool.DEFAULT_MAX_OUTPUT_BYTES);
    var request = new ToolRequest("bench", Map.of("command", List.of("/bin/echo", "hello")), Path.of("."));
    return () -> {
      try {
        if (!tool.call(request, ToolOutput.DISCARD).content().equals("hello\n")) {
          throw new IllegalStateException("unexpected output");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static void ffm() {
    try {
      if (FfmSpawn.run("/bin/echo", "hello") != 6) {
        throw new IllegalStateException("unexpected output");
      }
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
