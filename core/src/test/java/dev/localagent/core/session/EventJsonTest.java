package dev.localagent.core.session;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final Map<String, Object> ARGUMENTS = new LinkedHashMap<>(Map.of("path", "a \"b\".txt"));

  private static final List<Event> EVERY_KIND = List.of(
      new UserMessage("héllo\n\"quoted\""),
      new ModelDelta("par"),
      new ModelMessage("text", List.of(new ToolCallRequest("c1", "read_file", ARGUMENTS)), new Usage(3, 4)),
      new ToolCallStarted("c1", "read_file", ARGUMENTS),
      new ToolOutputChunk("c1", "stdout", "line\n"),
      new ToolCallFinished("c1", "read_file", false, "no such file", "LA-TOOL-004"),
      new ToolCallFinished("c2", "read_file", true, "ok", null),
      new ApprovalRequested("a1", "c1", "run_command", "rm -rf build"),
      new ApprovalDecided("a1", ApprovalDecided.Decision.ALLOW_ONCE, "client-7"),
      new ErrorRaised("LA-MODEL-001", "the model server is down"),
      new TurnDone(TurnDone.Reason.COMPLETED, 2));

  @Test
  void aLineIsTheSameTextAsTheTreeFormAndReadsBackToTheSameEvent() throws Exception {
    long seq = 1;
    for (Event event : EVERY_KIND) {
      var stored = new SessionEvent("s1", seq++, 1_764_300_000_000L + seq, event);
      String line = EventJson.toLine(stored);
      assertThat(line).isEqualTo(EventJson.mapper().writeValueAsString(EventJson.toNode(stored)));
      assertThat(EventJson.fromLine("s1", line)).isEqualTo(stored);
    }
  }
}
