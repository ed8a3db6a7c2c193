package dev.localagent.bench.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The set-up rounds against a real gateway process and the real Node {@code ws} peer, with counts
 * small enough for a test: what is printed and that every phase was stamped, never how fast.
 */
class SetupBenchTest {
  private static final Pattern TIMED = Pattern.compile(
      "p50 ([0-9.]+) ms, p99 [0-9.]+ ms \\(p50 tcp ([0-9.]+), upgrade ([0-9.]+), wake [0-9.]+ ms\\);"
          + " CPU per connection: server [0-9]+ us \\(.+\\)");

  @Test
  void theLoadGeneratorWarmsUpOnThrowawayServersThenEveryPeerGetsAColdAWarmUpAndATimedRound() throws Exception {
    Path nodeDir = Path.of("..", "testkit", "node").toAbsolutePath().normalize();
    assertThat(nodeDir.resolve("node_modules/ws")).as("run 'npm ci' in testkit/node first").exists();
    var text = new StringWriter();
    var started = new ArrayList<String>();
    SetupBench.ServerStarter gateway = name -> {
      started.add(name);
      return PeerProcess.gateway(name, false);
    };
    SetupBench.ServerStarter node = name -> {
      started.add(name);
      return PeerProcess.node(name, nodeDir);
    };
    // Load generator warm-up 60 (rounds of 50 and 10), cold 50, warm-up 20, timed 20.
    new SetupBench(new PrintWriter(text), 20, 70, 60, 50).run(List.of(
        new SetupBench.PeerKind("gateway unbatched", gateway), new SetupBench.PeerKind("node ws", node)));
    List<String> lines = text.toString().lines().toList();
    // The load generator warmed up on servers of its own, and the measured ones started fresh after.
    assertThat(started).containsExactly("throwaway gateway unbatched", "throwaway node ws", "gateway unbatched",
        "node ws");
    for (String peer : List.of("throwaway gateway unbatched", "throwaway node ws")) {
      assertThat(lines).filteredOn(l -> l.startsWith(peer + " (load generator warm-up)")).hasSize(2);
    }
    for (String peer : List.of("gateway unbatched", "node ws")) {
      assertThat(lines).anyMatch(l -> l.startsWith(peer + " (cold, first 50)") && l.contains(" 50 sequential"));
      assertThat(lines).anyMatch(l -> l.startsWith(peer + " (warm-up)") && l.contains(" 20 sequential"));
      String timed = lines.stream().filter(l -> l.startsWith(peer + "  ") && l.contains(" 20 sequential"))
          .findFirst().orElseThrow();
      var figures = TIMED.matcher(timed);
      assertThat(figures.find()).as(timed).isTrue();
      assertThat(Double.parseDouble(figures.group(1))).as("p50").isPositive();
      assertThat(Double.parseDouble(figures.group(3))).as("upgrade p50").isPositive();
    }
    assertThat(lines).anyMatch(l -> l.startsWith("gateway unbatched") && l.contains("vs node ws")
        && l.contains("upgrade p50"));
    assertThat(lines).filteredOn(l -> l.contains("load generator CPU per connection")).hasSize(5); // One per round.
  }
}
