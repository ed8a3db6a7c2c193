package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.Messages;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayProtocolTest {
  private final GatewayFixture gateway = new GatewayFixture();

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static String open(GatewayClient client) {
    return client.request(Protocol.SESSION_OPEN, new Messages.SessionOpen(null)).get("sessionId").asText();
  }

  @Test
  void aPromptStreamsTheTurnAsNumberedEvents() throws Exception {
    var listener = new RecordingListener();
    try (var client = gateway.connect(listener)) {
      String session = open(client);
      client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "hello there"));

      List<EventFrame> turn = listener.untilTurnDone();

      assertThat(turn).extracting(EventFrame::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(turn).allSatisfy(e -> assertThat(e.sessionId()).isEqualTo(session));
      assertThat(turn.get(0).event()).isEqualTo(new UserMessage("hello there"));
      assertThat(turn.get(1).event()).isEqualTo(new ModelDelta("hello "));
      assertThat(((TurnDone) turn.get(4).event()).reason()).isEqualTo(TurnDone.Reason.COMPLETED);
    }
  }

  @Test
  void aWrongTokenIsRefusedAndTheConnectionClosedWithPolicyViolation() {
    var listener = new RecordingListener();
    assertThatThrownBy(() -> GatewayClient.connect(gateway.webSocketUri(), "wrong", false, listener))
        .isInstanceOfSatisfying(LocalAgentException.class,
            e -> assertThat(e.code()).isEqualTo(GatewayErrors.BAD_TOKEN))
        .hasMessageNotContaining("wrong,");
    assertThat(listener.closeStatus.join()).isEqualTo(1008);
  }

  @Test
  void requestsBeforeHelloAreRefusedWithACode() throws Exception {
    var listener = new RecordingListener();
    var frames = new java.util.concurrent.LinkedBlockingQueue<String>();
    var socket = rawSocket(frames);
    socket.sendText("{\"type\":\"sessions.list\",\"id\":\"1\"}", true).join();
    String reply = frames.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(reply).contains("\"code\":\"LA-GATEWAY-001\"").contains("\"id\":\"1\"");
    socket.abort();
    assertThat(listener.errors).isEmpty();
  }

  @Test
  void pingsOfEveryShapeGetThePongForTheirId() throws Exception {
    var frames = new java.util.concurrent.LinkedBlockingQueue<String>();
    var socket = rawSocket(frames);
    socket.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"token\":\""
        + GatewayFixture.TOKEN + "\",\"client\":\"raw\"}", true).join();
    assertThat(frames.poll(10, java.util.concurrent.TimeUnit.SECONDS)).contains("\"id\":\"h\"");
    // Ids in any position, none, escaped and non-ASCII: each reply carries the ping's own id.
    Map<String, String> pingToId = new LinkedHashMap<>();
    pingToId.put("{\"type\":\"ping\",\"id\":\"p1\"}", "\"id\":\"p1\"");
    pingToId.put(" { \"id\" : \"p2\" , \"type\" : \"ping\" } ", "\"id\":\"p2\"");
    pingToId.put("{\"type\":\"ping\"}", null);
    pingToId.put("{\"type\":\"ping\",\"id\":\"q\\\"\u00e9\"}", "\"id\":\"q\\\"\u00e9\"");
    pingToId.put("{\"type\":\"ping\",\"id\":7,\"params\":{}}", "\"id\":\"7\"");
    for (var ping : pingToId.entrySet()) {
      socket.sendText(ping.getKey(), true).join();
      String pong = frames.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(pong).as(ping.getKey()).startsWith("{\"type\":\"pong\",").contains("\"serverTimeMillis\":");
      if (ping.getValue() == null) {
        assertThat(pong).as(ping.getKey()).doesNotContain("\"id\"");
      } else {
        assertThat(pong).as(ping.getKey()).contains(ping.getValue());
      }
    }
    socket.abort();
  }

  @Test
  void malformedJsonAndUnknownTypesGetErrorFramesAndTheConnectionSurvives() throws Exception {
    var listener = new RecordingListener();
    try (var client = gateway.connect(listener)) {
      client.sendText("{not json").join();
      assertThat(listener.nextError()).startsWith("LA-PROTO-001");
      client.sendText("[1,2]").join();
      assertThat(listener.nextError()).startsWith("LA-PROTO-001");
      client.sendText("{\"type\":\"session.explode\"}").join();
      assertThat(listener.nextError()).startsWith("LA-PROTO-002").contains("session.open");
      client.sendText("{\"type\":\"session.attach\",\"fromSeq\":\"many\"}").join();
      assertThat(listener.nextError()).startsWith("LA-PROTO-003");

      JsonNode pong = client.request(Protocol.PING, new Messages.Ping());
      assertThat(pong.get("serverTimeMillis").asLong()).isPositive();
    }
  }

  @Test
  void missingSessionsAndFieldsAreReportedWithStableCodes() {
    try (var client = gateway.connect(new RecordingListener())) {
      assertThatThrownBy(() -> client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt("nope", "x")))
          .isInstanceOfSatisfying(LocalAgentException.class,
              e -> assertThat(e.code().id()).isEqualTo("LA-GATEWAY-004"));
      assertThatThrownBy(() -> client.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(null, 0)))
          .isInstanceOfSatisfying(LocalAgentException.class,
              e -> assertThat(e.code().id()).isEqualTo("LA-PROTO-003"));
      assertThatThrownBy(() -> client.request(Protocol.HELLO,
          new Messages.Hello(1, GatewayFixture.TOKEN, "again", null)))
          .isInstanceOfSatisfying(LocalAgentException.class,
              e -> assertThat(e.code().id()).isEqualTo("LA-PROTO-005"));
    }
  }

  @Test
  void approvalsCanBeAnsweredFromAnyAttachedClientAndTheFirstAnswerWins() throws Exception {
    var first = new RecordingListener();
    var second = new RecordingListener();
    try (var a = gateway.connect(first); var b = gateway.connect(second)) {
      String session = open(a);
      b.request(Protocol.SESSION_ATTACH, new Messages.SessionAttach(session, 0));
      a.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "approve: rm -rf build"));
      assertThat(first.next().event()).isInstanceOf(UserMessage.class);
      var request = (ApprovalRequested) first.next().event();
      assertThat(second.next().event()).isInstanceOf(UserMessage.class);
      assertThat(second.next().event()).isEqualTo(request);
      b.request(Protocol.APPROVAL_REPLY,
          new Messages.ApprovalReply(session, request.approvalId(), Decision.ALLOW_ONCE));
      String approvalId = request.approvalId();
      assertThatThrownBy(() -> a.request(Protocol.APPROVAL_REPLY,
          new Messages.ApprovalReply(session, approvalId, Decision.DENY)))
          .isInstanceOfSatisfying(LocalAgentException.class,
              e -> assertThat(e.code()).isEqualTo(GatewayErrors.APPROVAL_CLOSED))
          .hasMessageContaining(approvalId);

      List<EventFrame> rest = first.untilTurnDone();
      assertThat(rest).extracting(EventFrame::event).filteredOn(ApprovalDecided.class::isInstance)
          .singleElement().satisfies(e -> assertThat(((ApprovalDecided) e).decision()).isEqualTo(Decision.ALLOW_ONCE));
    }
  }

  @Test
  void toolInvokeRunsARegisteredToolAndRefusesUnknownOnes() {
    gateway.tools.register(new Tool() {
      @Override
      public ToolSpec spec() {
        return new ToolSpec("upper", "upper-cases text", null);
      }

      @Override
      public ToolResult call(ToolRequest request, ToolOutput output) {
        return ToolResult.success(request.string("text").toUpperCase(java.util.Locale.ROOT));
      }
    });
    try (var client = gateway.connect(new RecordingListener())) {
      JsonNode result = client.request(Protocol.TOOL_INVOKE,
          new Messages.ToolInvoke(null, "upper", Map.of("text", "shout")));
      assertThat(result.get("ok").asBoolean()).isTrue();
      assertThat(result.get("content").asText()).isEqualTo("SHOUT");
      assertThatThrownBy(() -> client.request(Protocol.TOOL_INVOKE,
          new Messages.ToolInvoke(null, "nope", Map.of())))
          .isInstanceOfSatisfying(LocalAgentException.class,
              e -> assertThat(e.code()).isEqualTo(GatewayErrors.UNKNOWN_TOOL));
    }
  }

  @Test
  void sessionsListNamesOpenedSessions() {
    try (var client = gateway.connect(new RecordingListener())) {
      String session = open(client);
      JsonNode listed = client.request(Protocol.SESSIONS_LIST, new Messages.SessionsList());
      assertThat(listed.get("sessions").findValuesAsText("id")).contains(session);
    }
  }

  @Test
  void cancelEndsARunningTurn() throws Exception {
    var listener = new RecordingListener();
    try (var client = gateway.connect(listener)) {
      String session = open(client);
      client.request(Protocol.SESSION_PROMPT, new Messages.SessionPrompt(session, "hold: forever"));
      assertThat(listener.next().event()).isInstanceOf(UserMessage.class);
      client.request(Protocol.SESSION_CANCEL, new Messages.SessionCancel(session));
      assertThat(((TurnDone) listener.next().event()).reason()).isEqualTo(TurnDone.Reason.CANCELLED);
    }
  }

  /** A bare JDK WebSocket to the gateway (no hello sent) that queues every text frame it gets. */
  private java.net.http.WebSocket rawSocket(java.util.concurrent.BlockingQueue<String> frames) {
    return java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(gateway.webSocketUri(), new java.net.http.WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
              CharSequence data, boolean last) {
            frames.add(data.toString());
            ws.request(1);
            return null;
          }
        }).join();
  }
}
