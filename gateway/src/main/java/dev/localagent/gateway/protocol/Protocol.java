package dev.localagent.gateway.protocol;

import dev.localagent.gateway.protocol.Messages.Accepted;
import dev.localagent.gateway.protocol.Messages.ApprovalReply;
import dev.localagent.gateway.protocol.Messages.Hello;
import dev.localagent.gateway.protocol.Messages.Ping;
import dev.localagent.gateway.protocol.Messages.Pong;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Protocol v1, declared once: every client message with its params and reply. The server
 * dispatches on this table, the client builds requests from it, and a test checks
 * docs/PROTOCOL.md against it.
 */
public final class Protocol {
  public static final int VERSION = 1;

  /** The WebSocket endpoint. */
  public static final String PATH = "/v1/ws";

  /** Server frame types that are not replies. */
  public static final String EVENT = "event";

  public static final String ERROR = "error";
  public static final String REPLY = "reply";

  public static final MessageSpec<Hello, Welcome> HELLO =
      new MessageSpec<>("hello", Hello.class, REPLY, Welcome.class,
          "authenticate, agree on the protocol version and batching; must be first");
  public static final MessageSpec<SessionOpen, SessionOpened> SESSION_OPEN =
      new MessageSpec<>("session.open", SessionOpen.class, REPLY, SessionOpened.class,
          "create a session and attach to it");
  public static final MessageSpec<SessionAttach, SessionAttached> SESSION_ATTACH =
      new MessageSpec<>("session.attach", SessionAttach.class, REPLY, SessionAttached.class,
          "stream a session: events with seq > fromSeq from the log, then live");
  public static final MessageSpec<SessionPrompt, Accepted> SESSION_PROMPT =
      new MessageSpec<>("session.prompt", SessionPrompt.class, REPLY, Accepted.class,
          "start a turn; its events arrive on attached connections");
  public static final MessageSpec<SessionCancel, Accepted> SESSION_CANCEL =
      new MessageSpec<>("session.cancel", SessionCancel.class, REPLY, Accepted.class,
          "cancel the running turn; answered by turn.done with reason CANCELLED");
  public static final MessageSpec<ToolInvoke, ToolInvoked> TOOL_INVOKE =
      new MessageSpec<>("tool.invoke", ToolInvoke.class, REPLY, ToolInvoked.class,
          "call one tool directly, through policy; approvals fail closed");
  public static final MessageSpec<ApprovalReply, Accepted> APPROVAL_REPLY =
      new MessageSpec<>("approval.reply", ApprovalReply.class, REPLY, Accepted.class,
          "answer an approval.request; the first answer from any client wins");
  public static final MessageSpec<SessionsList, SessionsListed> SESSIONS_LIST =
      new MessageSpec<>("sessions.list", SessionsList.class, REPLY, SessionsListed.class,
          "list stored sessions, most recently updated first");
  public static final MessageSpec<Ping, Pong> PING =
      new MessageSpec<>("ping", Ping.class, "pong", Pong.class,
          "application-level keepalive and round-trip probe");

  /** All client messages, in documentation order. */
  public static final List<MessageSpec<?, ?>> MESSAGES =
      List.of(HELLO, SESSION_OPEN, SESSION_ATTACH, SESSION_PROMPT, SESSION_CANCEL, TOOL_INVOKE,
          APPROVAL_REPLY, SESSIONS_LIST, PING);

  private static final Map<String, MessageSpec<?, ?>> BY_TYPE =
      MESSAGES.stream().collect(Collectors.toUnmodifiableMap(MessageSpec::type, Function.identity()));

  private Protocol() {}

  public static Optional<MessageSpec<?, ?>> find(String type) {
    return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
  }
}
