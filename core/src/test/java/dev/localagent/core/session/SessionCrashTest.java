package dev.localagent.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.UserMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM with SIGKILL while it appends, then checks the log reopens intact. */
class SessionCrashTest {
  @TempDir Path dir;

  /** The child: appends large events as fast as it can until killed. */
  public static void main(String[] args) throws Exception {
    var store = new JsonlSessionStore(Path.of(args[0]), new SessionsConfig("never", 1000));
    var log = store.create();
    log.append(new UserMessage("crash me"));
    System.out.println("started " + log.sessionId());
    System.out.flush();
    String big = "x".repeat(64 * 1024); // Large lines make a kill mid-write likely.
    while (true) {
      log.append(new ModelDelta(big));
    }
  }

  @Test
  void killingTheWriterMidAppendLeavesALogThatReopensIntact() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                SessionCrashTest.class.getName(), dir.toString())
            .redirectErrorStream(true)
            .start();
    String id;
    try (var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      assertThat(line).startsWith("started ");
      id = line.substring("started ".length());
      Path file = dir.resolve(id + ".jsonl");
      while (Files.size(file) < 4 * 1024 * 1024) {
        Thread.onSpinWait(); // The child is writing; wait for a few MB of events.
      }
      child.destroyForcibly(); // SIGKILL on Linux.
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (var store = new JsonlSessionStore(dir, SessionsConfig.DEFAULT)) {
      var log = store.open(id).orElseThrow();
      var events = log.read(0, Integer.MAX_VALUE);
      assertThat(events.size()).isGreaterThan(50);
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).seq()).isEqualTo(i + 1L);
      }
      assertThat(events.getFirst().event()).isEqualTo(new UserMessage("crash me"));
      SessionEvent appended = log.append(new UserMessage("after the crash"));
      assertThat(appended.seq()).isEqualTo(events.size() + 1L);
    }
    assertThat(Files.readString(dir.resolve(id + ".jsonl"))).endsWith("\n");
  }
}
