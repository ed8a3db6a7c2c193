package dev.localagent.gateway.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a third-party client script to completion and returns the event lines it printed. */
final class InteropRun {
  private static final long TIMEOUT_SECONDS = 60;

  private InteropRun() {}

  static List<JsonNode> run(List<String> command, Path workdir, String token) throws Exception {
    var builder = new ProcessBuilder(command).directory(workdir.toFile());
    builder.environment().put("LOCALAGENT_TOKEN", token); // Not in argv, where ps would show it.
    builder.redirectErrorStream(false);
    Process process = builder.start();
    var stderr = new StringBuilder();
    Thread errReader = Thread.ofVirtual().start(() -> {
      try {
        stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        stderr.append(e);
      }
    });
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    errReader.join();
    assertThat(exited).as("%s finished within %d s", command, TIMEOUT_SECONDS).isTrue();
    assertThat(process.exitValue()).as("exit code of %s; stderr:%n%s", command, stderr).isZero();
    var mapper = new ObjectMapper();
    var lines = new ArrayList<JsonNode>();
    for (String line : stdout.split("\n")) {
      if (!line.isBlank()) {
        lines.add(mapper.readTree(line));
      }
    }
    return lines;
  }

  /**
   * The scenario both scripts run against the real engine: two turns, the second replayed from
   * the log after a forced disconnect. Seqs must be 1..N with no gap and no duplicate.
   */
  static void assertStreamedAndResumed(List<JsonNode> lines) {
    List<Long> seqs = lines.stream().map(l -> l.get("seq").asLong()).toList();
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).as("seq at line %d (all: %s)", i, seqs).isEqualTo(i + 1L);
    }
    List<JsonNode> first = phase(lines, "first");
    List<JsonNode> resumed = phase(lines, "resumed");
    assertThat(first.getFirst().get("event").get("text").asText()).isEqualTo("one two three");
    assertThat(first).extracting(l -> l.get("type").asText()).contains("model.delta", "model.message")
        .endsWith("turn.done");
    assertThat(first).filteredOn(l -> l.get("type").asText().equals("model.message")).singleElement()
        .satisfies(l -> assertThat(l.get("event").get("text").asText()).isEqualTo("you said: one two three"));
    assertThat(resumed.getFirst().get("event").get("text").asText()).isEqualTo("four five");
    assertThat(resumed.getLast().get("event").get("reason").asText()).isEqualTo("COMPLETED");
  }

  private static List<JsonNode> phase(List<JsonNode> lines, String phase) {
    List<JsonNode> selected = lines.stream().filter(l -> l.get("phase").asText().equals(phase)).toList();
    assertThat(selected).as("events of phase %s", phase).isNotEmpty();
    return selected;
  }

  static Path testkit() {
    return Path.of("..", "testkit").toAbsolutePath().normalize();
  }
}
