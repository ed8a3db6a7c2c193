package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.Event;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.TurnDone;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.testkit.Reply;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine, JSONL store and fake model server behind the gateway, two clients attached. */
class GatewayEndToEndTest {
  @TempDir Path root;

  private static Event nextOfType(RecordingListener listener, Class<? extends Event> type) throws Exception {
    while (true) {
      Event event = listener.next().event();
      if (type.isInstance(event)) {
        return event;
      }
    }
  }

  @Test
  void aToolCallNeedingApprovalIsAnsweredByTheFirstOfTwoClientsAndTheTurnCompletes() throws Exception {
    try (var gateway = new RealEngineGateway(root, "fs.write")) {
      gateway.model.enqueue(
          Reply.openAiToolCalls(8, new Reply.Call("call-1", "fs.write",
              "{\"path\":\"notes.txt\",\"content\":\"from the gateway\"}")),
          Reply.openAiText("wrote notes.txt"));
      var watcher = new RecordingListener();
      var driver = new RecordingListener();
      try (var a = GatewayClient.connect(gateway.webSocketUri(), RealEngineGateway.TOKEN, true, driver);
          var b = GatewayClient.connect(gateway.webSocketUri(), RealEngineGateway.TOKEN, false, watcher)) {
        String session = a.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
        b.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(session, 0));
        a.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "write a note"));

        var asked = (ApprovalRequested) nextOfType(watcher, ApprovalRequested.class);
        assertThat(asked.tool()).isEqualTo("fs.write");
        b.request(Protocol.APPROVAL_REPLY, new Messages.ApprovalReply(session, asked.approvalId(), Decision.ALLOW_ONCE));
        assertThatThrownBy(() -> a.request(Protocol.APPROVAL_REPLY,
            new Messages.ApprovalReply(session, asked.approvalId(), Decision.DENY)))
            .isInstanceOfSatisfying(LocalAgentException.class,
                e -> assertThat(e.code()).isEqualTo(GatewayErrors.APPROVAL_CLOSED));

        List<EventFrame> turn = driver.untilTurnDone();
        List<Event> events = turn.stream().map(EventFrame::event).toList();
        assertThat(events).filteredOn(ApprovalDecided.class::isInstance).singleElement()
            .satisfies(e -> assertThat(((ApprovalDecided) e).decidedBy()).isEqualTo("localagent-java"));
        assertThat(events).filteredOn(ToolCallFinished.class::isInstance).singleElement()
            .satisfies(e -> assertThat(((ToolCallFinished) e).ok()).isTrue());
        assertThat(((ModelMessage) events.get(events.size() - 2)).text()).isEqualTo("wrote notes.txt");
        assertThat(((TurnDone) events.getLast()).reason()).isEqualTo(TurnDone.Reason.COMPLETED);
        assertThat(Files.readString(root.resolve("work/notes.txt"))).isEqualTo("from the gateway");
      }
    }
  }
}
