package dev.localagent.bench.websocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A server under test in its own process (the gateway or the Node ws peer), driven over stdin. */
final class PeerProcess implements AutoCloseable {
  final String name;
  final int port;
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;

  private PeerProcess(String name, List<String> command, Path dir) throws IOException {
    this.name = name;
    this.process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String first = out.readLine();
    // The JVM may log first (a flight recording started by LOCALAGENT_BENCH_SERVER_OPTS).
    for (int skipped = 0; first != null && first.startsWith("[") && skipped < 20; skipped++) {
      first = out.readLine();
    }
    if (first == null || !first.startsWith("port ")) {
      throw new IOException(name + " did not start: " + first);
    }
    this.port = Integer.parseInt(first.substring(5).strip());
  }

  static PeerProcess gateway(String name, boolean compression) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    // As `localagent serve` runs it: Netty may use sun.misc.Unsafe for its buffers, ZGC keeps
    // collection pauses out of event latency (see docs/GATEWAY.md), and the JVM starts from serve's
    // AOT cache when the launcher gave this one (bench websocket shares it, trained on ZGC too).
    var command = new ArrayList<String>(List.of(java, "--sun-misc-unsafe-memory-access=allow", "-XX:+UseZGC"));
    command.addAll(aotCacheOptions());
    // Extra JVM options for the server process only, e.g. -XX:StartFlightRecording=... to profile it.
    String extra = System.getenv("LOCALAGENT_BENCH_SERVER_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(),
        Boolean.toString(compression)));
    return new PeerProcess(name, command, Path.of("."));
  }

  /** The AOT cache options this JVM was started with (by ./localagent), or none. */
  private static List<String> aotCacheOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("-XX:AOTCache=") || arg.startsWith("-Xlog:aot") || arg.startsWith("-Xlog:cds"))
        .toList();
  }

  static PeerProcess node(String name, Path nodeDir) throws IOException {
    return new PeerProcess(name, List.of("node", "bench-server.mjs"), nodeDir);
  }

  String command(String line) throws IOException {
    in.println(line);
    return out.readLine();
  }

  /** Resident set size of the server process, from /proc. */
  long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Run-queue waits of the server process's threads so far, from /proc. */
  RunQueueWait runQueueWait() {
    return RunQueueWait.ofProcess(process.pid());
  }

  /** CPU time (user + system) the server process has used so far, from /proc, in nanoseconds. */
  long cpuNanos() throws IOException {
    return CpuTime.ofProcess(process.pid());
  }

  /** CPU time the server has used so far by kind of thread ({@link CpuTime#byThreadKind}). */
  Map<String, Long> cpuNanosByThreadKind() throws IOException {
    return CpuTime.byThreadKind(process.pid());
  }

  @Override
  public void close() {
    in.close();
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
