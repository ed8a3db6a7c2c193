package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.TurnDone;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  @Test
  void shutdownLetsTheRunningTurnFinishThenClosesWith1001() throws Exception {
    var gateway = new GatewayFixture();
    var listener = new RecordingListener();
    var client = gateway.connect(listener);
    String session = client.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null))
        .get("sessionId").asText();
    client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "approve: deploy"));
    listener.next();
    var approval = (ApprovalRequested) listener.next().event();

    Thread closer = Thread.ofVirtual().start(gateway::close);
    // Draining: readiness fails and new sessions are refused while the turn may still finish.
    Await.until("readiness reports draining", () -> readyStatus(gateway) != 200);
    client.request(Protocol.APPROVAL_REPLY,
        new Messages.ApprovalReply(session, approval.approvalId(), Decision.ALLOW_ONCE));

    List<EventFrame> rest = listener.untilTurnDone();
    assertThat(((TurnDone) rest.getLast().event()).reason()).isEqualTo(TurnDone.Reason.COMPLETED);
    assertThat(listener.awaitClose()).isEqualTo(1001);
    closer.join();
  }

  private static int readyStatus(GatewayFixture gateway) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.httpUri("/readyz")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1; // Not accepting any more also means not ready.
    }
  }
}
