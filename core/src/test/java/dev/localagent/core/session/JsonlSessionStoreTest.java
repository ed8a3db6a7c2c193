package dev.localagent.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.Event;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.model.Usage;
import dev.localagent.core.error.LocalAgentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSessionStoreTest {
  @TempDir Path dir;

  private JsonlSessionStore store(String fsync) {
    return new JsonlSessionStore(dir, new SessionsConfig(fsync, 50));
  }

  static List<Event> everyKindOfEvent() {
    var call = new ToolCallRequest("c1", "fs.read", Map.of("path", "a.txt", "range", List.of(1, 2)));
    return List.of(
        new UserMessage("read a.txt\nplease"),
        new ModelDelta("Sure"),
        new ModelMessage("Sure", List.of(call), new Usage(12, 3)),
        new ToolCallStarted("c1", "fs.read", call.arguments()),
        new ApprovalRequested("ap-1", "c1", "fs.read", "read a.txt"),
        new ApprovalDecided("ap-1", ApprovalDecided.Decision.ALLOW_ONCE, "cli"),
        new ToolOutputChunk("c1", "stdout", "héllo \"quoted\"\n"),
        new ToolCallFinished("c1", "fs.read", true, "hello", null),
        new ErrorRaised("LA-MODEL-001", "down"),
        new TurnDone(TurnDone.Reason.COMPLETED, 2));
  }

  @Test
  void everyEventKindSurvivesAReopenWithItsSeq() {
    String id;
    try (var store = store("always")) {
      var log = store.create();
      id = log.sessionId();
      everyKindOfEvent().forEach(log::append);
    }
    try (var store = store("never")) {
      var log = store.open(id).orElseThrow();
      assertThat(log.lastSeq()).isEqualTo(10);
      assertThat(log.read(0, 100)).extracting(SessionEvent::event).isEqualTo(everyKindOfEvent());
      assertThat(log.append(new UserMessage("next")).seq()).isEqualTo(11);
    }
  }

  @Test
  void tornLastLineIsDroppedAndTruncatedAway() throws Exception {
    String id;
    try (var store = store("batch")) {
      var log = store.create();
      id = log.sessionId();
      log.append(new UserMessage("one"));
      log.append(new ModelDelta("two"));
    }
    Path file = dir.resolve(id + ".jsonl");
    long intactLength = Files.size(file);
    Files.writeString(file, "{\"seq\":3,\"ts\":1,\"type\":\"model.del", StandardOpenOption.APPEND);

    try (var store = store("batch")) {
      var log = store.open(id).orElseThrow();
      assertThat(log.lastSeq()).isEqualTo(2);
      assertThat(Files.size(file)).isEqualTo(intactLength);
      assertThat(log.append(new ModelDelta("three")).seq()).isEqualTo(3);
    }
    assertThat(Files.readAllLines(file)).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"seq\":"));
  }

  @Test
  void garbledLastLineWithItsNewlineIsAlsoDropped() throws Exception {
    String id;
    try (var store = store("never")) {
      var log = store.create();
      id = log.sessionId();
      log.append(new UserMessage("one"));
    }
    Files.write(dir.resolve(id + ".jsonl"), new byte[] {0, 0, 0, '\n'}, StandardOpenOption.APPEND);
    try (var store = store("never")) {
      assertThat(store.open(id).orElseThrow().lastSeq()).isEqualTo(1);
    }
  }

  @Test
  void damagedLineInTheMiddleIsReportedNotSkipped() throws Exception {
    Path file = dir.resolve("s-broken.jsonl");
    Files.writeString(
        file,
        "{\"seq\":1,\"ts\":1,\"type\":\"user.message\",\"text\":\"a\"}\nnot json\n"
            + "{\"seq\":3,\"ts\":1,\"type\":\"user.message\",\"text\":\"c\"}\n",
        StandardCharsets.UTF_8);
    try (var store = store("never")) {
      assertThatThrownBy(() -> store.open("s-broken"))
          .isInstanceOfSatisfying(
              LocalAgentException.class, e -> assertThat(e.code()).isEqualTo(SessionErrors.CORRUPT))
          .hasMessageContaining("line 2");
      assertThat(store.list()).singleElement().satisfies(info -> assertThat(info.title()).contains("LA-SESSION-002"));
    }
  }

  @Test
  void oneProcessSharesOneLogObjectPerSession() {
    try (var store = store("never")) {
      var created = store.create();
      assertThat(store.open(created.sessionId()).orElseThrow()).isSameAs(created);
      assertThat(store.open(created.sessionId()).orElseThrow()).isSameAs(created);
    }
  }

  @Test
  void aSecondWriterOnTheSameFileIsRefusedWithLockedCode() {
    try (var first = store("never"); var second = store("never")) {
      var log = first.create();
      assertThatThrownBy(() -> second.open(log.sessionId()))
          .isInstanceOfSatisfying(
              LocalAgentException.class, e -> assertThat(e.code()).isEqualTo(SessionErrors.LOCKED));
      assertThat(second.snapshot(log.sessionId())).isEmpty();
    }
  }

  @Test
  void subscriberOfAReopenedLogGetsStoredHistoryThenLiveEvents() {
    String id;
    try (var store = store("never")) {
      var log = store.create();
      id = log.sessionId();
      for (int i = 0; i < 5; i++) {
        log.append(new ModelDelta("d" + i));
      }
    }
    try (var store = store("never")) {
      var log = store.open(id).orElseThrow();
      var seen = new ArrayList<Long>();
      try (var sub = log.subscribe(3, e -> seen.add(e.seq()))) {
        log.append(new ModelDelta("live"));
      }
      log.append(new ModelDelta("after close"));
      assertThat(seen).containsExactly(4L, 5L, 6L);
    }
  }

  @Test
  void listShowsTitlesNewestFirstAndDeleteRemovesTheFile() throws Exception {
    try (var store = store("never")) {
      var older = store.create();
      older.append(new UserMessage("first question\nmore detail"));
      var newer = store.create();
      Thread.onSpinWait();
      newer.append(new UserMessage("second question"));
      newer.append(new TurnDone(TurnDone.Reason.COMPLETED, 1));

      List<SessionInfo> infos = store.list();
      assertThat(infos).extracting(SessionInfo::title).containsExactlyInAnyOrder("first question", "second question");
      assertThat(infos.getFirst().updatedMillis()).isGreaterThanOrEqualTo(infos.get(1).updatedMillis());
      assertThat(infos).filteredOn(i -> i.id().equals(newer.sessionId())).singleElement()
          .extracting(SessionInfo::lastSeq).isEqualTo(2L);

      assertThat(store.delete(older.sessionId())).isTrue();
      assertThat(store.delete(older.sessionId())).isFalse();
      assertThat(Files.exists(dir.resolve(older.sessionId() + ".jsonl"))).isFalse();
      assertThat(store.open(older.sessionId())).isEmpty();
    }
  }

  @Test
  void idsThatCouldEscapeTheDirectoryAreRejected() {
    try (var store = store("never")) {
      for (String bad : List.of("../etc/passwd", "/abs", "a/b", "", ".hidden")) {
        assertThatThrownBy(() -> store.open(bad))
            .isInstanceOfSatisfying(
                LocalAgentException.class, e -> assertThat(e.code()).isEqualTo(SessionErrors.BAD_ID));
      }
    }
  }

  @Test
  void unknownFsyncPolicyIsAConfigError() {
    assertThatThrownBy(() -> new SessionsConfig("sometimes", 10))
        .isInstanceOfSatisfying(
            LocalAgentException.class, e -> assertThat(e.code()).isEqualTo(SessionErrors.BAD_CONFIG));
  }
}
