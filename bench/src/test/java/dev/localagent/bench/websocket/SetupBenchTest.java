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
  void everyPeerGetsAColdAWarmUpAndATimedRoundWithItsPhasesAndTheRatioToNode() throws Exception {
    Path nodeDir = Path.of("..", "testkit", "node").toAbsolutePath().normalize();
    assertThat(nodeDir.resolve("node_modules/ws")).as("run 'npm ci' in testkit/node first").exists();
    var text = new StringWriter();
    var servers = new ArrayList<PeerProcess>();
    try {
      servers.add(PeerProcess.gateway("gateway unbatched", false));
      servers.add(PeerProcess.node(nodeDir));
      new SetupBench(new PrintWriter(text), 20, 70, 50).run(servers); // cold 50, warm-up 20, timed 20
    } finally {
      servers.forEach(PeerProcess::close);
    }
    List<String> lines = text.toString().lines().toList();
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
    assertThat(lines).filteredOn(l -> l.contains("load generator CPU per connection")).hasSize(3); // One per round.
  }
}
