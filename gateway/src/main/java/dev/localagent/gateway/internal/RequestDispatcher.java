package dev.localagent.gateway.internal;

import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.agent.AgentEngine.Outcome;
import dev.localagent.core.agent.Submission;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.session.SessionLog;
import dev.localagent.core.tool.ToolInvocation;
import dev.localagent.gateway.GatewayErrors;
import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Messages.Accepted;
import dev.localagent.gateway.protocol.Messages.ApprovalReply;
import dev.localagent.gateway.protocol.Messages.Hello;
import dev.localagent.gateway.protocol.Messages.SessionAttach;
import dev.localagent.gateway.protocol.Messages.SessionAttached;
import dev.localagent.gateway.protocol.Messages.SessionCancel;
import dev.localagent.gateway.protocol.Messages.SessionOpen;
import dev.localagent.gateway.protocol.Messages.SessionOpened;
import dev.localagent.gateway.protocol.Messages.SessionPrompt;
import dev.localagent.gateway.protocol.Messages.SessionsList;
import dev.localagent.gateway.protocol.Messages.SessionsListed;
import dev.localagent.gateway.protocol.Messages.ToolInvoke;
import dev.localagent.gateway.protocol.Messages.ToolInvoked;
import dev.localagent.gateway.protocol.Messages.Welcome;
import dev.localagent.gateway.protocol.Protocol;
import dev.localagent.gateway.protocol.WireJson;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one decoded client message into work: hello and ping on the event loop, everything else
 * in order on the connection's request executor (virtual threads), tool calls on their own
 * thread. Every failure becomes an error frame; the connection survives.
 */
final class RequestDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  /** Runs on the event loop. */
  void dispatch(Connection c, ClientMessage message) {
    switch (message) {
      case ClientMessage.Malformed m -> c.error(null, GatewayErrors.MALFORMED.id(), m.detail());
      case ClientMessage.UnknownType m -> c.error(m.id(), GatewayErrors.UNKNOWN_TYPE.id(),
          "unknown message type '" + m.type() + "'; protocol v1 types: "
              + Protocol.MESSAGES.stream().map(MessageSpec::type).toList());
      case ClientMessage.BadParams m ->
          c.error(m.id(), GatewayErrors.BAD_PARAMS.id(), "bad " + m.type() + ": " + m.detail());
      case ClientMessage.Request r -> dispatch(c, r.id(), r.spec(), r.params());
    }
  }

  private void dispatch(Connection c, String id, MessageSpec<?, ?> spec, Record params) {
    if (spec == Protocol.PING && c.authenticated()) {
      c.send(WireJson.encodePong(id, System.currentTimeMillis())); // Hot path: no reflection.
    } else if (params instanceof Hello hello) {
      hello(c, id, hello);
    } else if (!c.authenticated()) {
      c.error(id, GatewayErrors.NOT_AUTHENTICATED.id(), "send hello with the token first");
    } else {
      submit(c, id, spec, params);
    }
  }

  private void submit(Connection c, String id, MessageSpec<?, ?> spec, Record params) {
    try {
      if (params instanceof ToolInvoke) {
        c.server().requestExecutor().execute(() -> run(c, id, spec, params)); // May block long.
      } else {
        c.requests().execute(() -> run(c, id, spec, params));
      }
    } catch (RejectedExecutionException e) {
      c.error(id, GatewayErrors.SHUTTING_DOWN.id(), "the server is shutting down");
    }
  }

  private void hello(Connection c, String id, Hello hello) {
    if (c.authenticated()) {
      c.error(id, GatewayErrors.DUPLICATE_HELLO.id(), "this connection is already authenticated");
      return;
    }
    if (hello.protocol() != Protocol.VERSION) {
      c.error(id, GatewayErrors.UNSUPPORTED_VERSION.id(),
          "protocol " + hello.protocol() + " is not supported; this server speaks " + Protocol.VERSION);
      return;
    }
    if (!c.server().tokenMatches(hello.token())) {
      // Never log or echo the presented token.
      c.error(id, GatewayErrors.BAD_TOKEN.id(), "wrong token; see the token file 'localagent serve' printed");
      c.close(WebSocketCloseStatus.POLICY_VIOLATION, GatewayErrors.BAD_TOKEN.id() + " wrong token");
      return;
    }
    boolean batching = hello.capabilities() != null && hello.capabilities().batching();
    c.authenticate(hello.client(), batching);
    var config = c.config();
    c.reply(id, Protocol.REPLY, new Welcome(Protocol.VERSION, "localagent " + c.server().version(),
        c.id(), batching, batching ? config.batchMaxEvents() : 1, config.batchMaxDelayMillis()));
  }

  private void run(Connection c, String id, MessageSpec<?, ?> spec, Record params) {
    try {
      Record result = handle(c, id, params);
      if (result != null) {
        c.reply(id, spec.replyType(), result);
      }
    } catch (GatewayFailure failure) {
      c.error(id, failure.code(), failure.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.error(id, GatewayErrors.SHUTTING_DOWN.id(), spec.type() + " was interrupted by shutdown");
    } catch (RuntimeException e) {
      LOG.warn("{} failed on connection {}", spec.type(), c.id(), e);
      c.error(id, GatewayErrors.INTERNAL.id(), spec.type() + " failed: " + firstLine(e.getMessage()));
    }
  }

  /** Returns the reply, or null when the handler already queued it. */
  private Record handle(Connection c, String id, Record params) throws InterruptedException {
    return switch (params) {
      case SessionOpen p -> open(c, id);
      case SessionAttach p -> attach(c, id, p);
      case SessionPrompt p -> submit(c, p.sessionId(), new Submission.Prompt(require(p.text(), "text")));
      case SessionCancel p -> submit(c, p.sessionId(), new Submission.Cancel());
      case ApprovalReply p -> approve(c, p);
      case SessionsList p -> new SessionsListed(c.server().store().list());
      case ToolInvoke p -> invoke(c, p);
      default -> throw new GatewayFailure(GatewayErrors.UNKNOWN_TYPE, "no handler for " + params);
    };
  }

  private Record open(Connection c, String id) {
    refuseWhenDraining(c);
    SessionLog log = c.server().store().create();
    c.reply(id, Protocol.REPLY, new SessionOpened(log.sessionId(), log.lastSeq()));
    c.attach(log, 0);
    return null;
  }

  private Record attach(Connection c, String id, SessionAttach p) {
    SessionLog log = session(c, p.sessionId());
    // The reply is queued before the subscription starts, so it precedes the replayed events.
    long end = log.lastSeq();
    c.reply(id, Protocol.REPLY, new SessionAttached(log.sessionId(), end));
    // "From the end" is the end the reply names: an event appended after it was read (the client
    // may already have caused one) is delivered, not skipped by a second, later read of the end.
    c.attach(log, Math.min(p.fromSeq(), end));
    return null;
  }

  private Accepted submit(Connection c, String sessionId, Submission submission) {
    refuseWhenDraining(c);
    session(c, sessionId);
    Outcome outcome = c.server().engine().submit(sessionId, submission);
    if (!outcome.accepted()) {
      throw new GatewayFailure(codeOr(outcome, GatewayErrors.REFUSED), outcome.message());
    }
    return new Accepted(sessionId);
  }

  private Accepted approve(Connection c, ApprovalReply p) {
    session(c, p.sessionId());
    require(p.approvalId(), "approvalId");
    Decision decision = require(p.decision(), "decision");
    Outcome outcome = c.server().engine().submit(p.sessionId(),
        new Submission.ApprovalReply(p.approvalId(), decision, c.clientName()));
    if (!outcome.accepted()) {
      throw new GatewayFailure(GatewayErrors.APPROVAL_CLOSED,
          "approval " + p.approvalId() + " is not open: " + outcome.message());
    }
    return new Accepted(p.sessionId());
  }

  private ToolInvoked invoke(Connection c, ToolInvoke p) throws InterruptedException {
    String tool = require(p.tool(), "tool");
    if (c.server().toolRegistry().find(tool).isEmpty()) {
      throw new GatewayFailure(GatewayErrors.UNKNOWN_TOOL, "no tool named '" + tool + "' is registered");
    }
    String sessionId = p.sessionId() == null ? "gateway-" + c.id() : p.sessionId();
    var call = new ToolCallRequest("gw-" + UUID.randomUUID(), tool, p.arguments());
    // A direct call has nobody to ask: anything policy wants approved is denied (fail closed).
    var invocation = new ToolInvocation(sessionId, call, c.server().workdir(), ToolOutput.DISCARD,
        (callId, name, summary) -> Decision.DENY);
    ToolResult result = c.server().toolInvoker().invoke(invocation);
    return new ToolInvoked(tool, result.ok(), result.content(), result.errorCode());
  }

  private static SessionLog session(Connection c, String sessionId) {
    require(sessionId, "sessionId");
    return c.server().store().open(sessionId).orElseThrow(() -> new GatewayFailure(
        GatewayErrors.SESSION_NOT_FOUND, "no session with id '" + sessionId + "'; see sessions.list"));
  }

  private static void refuseWhenDraining(Connection c) {
    if (c.server().draining()) {
      throw new GatewayFailure(GatewayErrors.SHUTTING_DOWN, "the server is shutting down");
    }
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new GatewayFailure(GatewayErrors.BAD_PARAMS, "'" + field + "' is required");
    }
    return value;
  }

  private static String codeOr(Outcome outcome, ErrorCode fallback) {
    return outcome.code() == null ? fallback.id() : outcome.code();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no detail";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
