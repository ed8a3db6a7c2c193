package dev.localagent.gateway.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.gateway.protocol.MessageSpec;
import dev.localagent.gateway.protocol.Messages.ApprovalReply;
import dev.localagent.gateway.protocol.Messages.Capabilities;
import dev.localagent.gateway.protocol.Messages.Hello;
import dev.localagent.gateway.protocol.Messages.Ping;
import dev.localagent.gateway.protocol.Messages.SessionAttach;
import dev.localagent.gateway.protocol.Messages.SessionCancel;
import dev.localagent.gateway.protocol.Messages.SessionOpen;
import dev.localagent.gateway.protocol.Messages.SessionPrompt;
import dev.localagent.gateway.protocol.Messages.SessionsList;
import dev.localagent.gateway.protocol.Messages.ToolInvoke;
import dev.localagent.gateway.protocol.Protocol;
import java.io.IOException;

/**
 * The fields of every v1 client message as {@link FrameReader} reads them, each as its last
 * value in the frame (no two messages use one name for different types, so one set serves all),
 * and whether each can be bound here exactly as a JSON tree would bind it. Reused frame after
 * frame by one thread.
 */
final class FrameFields {
  private static final Ping PING = new Ping();
  private static final Decision[] DECISIONS = Decision.values();

  // One bit per field whose last value this reader cannot bind itself.
  private static final int TYPE = 1;
  private static final int ID = 1 << 1;
  private static final int PROTOCOL = 1 << 2;
  private static final int TOKEN = 1 << 3;
  private static final int CLIENT = 1 << 4;
  private static final int CAPABILITIES = 1 << 5;
  private static final int TITLE = 1 << 6;
  private static final int SESSION_ID = 1 << 7;
  private static final int FROM_SEQ = 1 << 8;
  private static final int TEXT = 1 << 9;
  private static final int TOOL = 1 << 10;
  private static final int ARGUMENTS = 1 << 11;
  private static final int APPROVAL_ID = 1 << 12;
  private static final int DECISION = 1 << 13;

  private MessageSpec<?, ?> spec;
  private String unknownType;
  private String id;
  private int protocol;
  private String token;
  private String client;
  private Capabilities capabilities;
  private String title;
  private String sessionId;
  private long fromSeq;
  private String text;
  private String tool;
  private String approvalId;
  private Decision decision;
  private int unbindable;

  void clear() {
    spec = null;
    unknownType = null;
    id = token = client = title = sessionId = text = tool = approvalId = null;
    protocol = 0;
    fromSeq = 0;
    capabilities = null;
    decision = null;
    unbindable = 0;
  }

  /** Takes one field's value; the parser is left on its last token. */
  void take(String name, JsonToken value, JsonParser p) throws IOException {
    switch (name) {
      case "type" -> takeType(value, p);
      case "id" -> takeId(value, p);
      case "protocol" -> {
        boolean ok = isInteger(value, p, NumberType.INT);
        protocol = ok ? p.getIntValue() : 0;
        bindable(PROTOCOL, ok, p);
      }
      case "fromSeq" -> {
        boolean ok = isInteger(value, p, NumberType.LONG);
        fromSeq = ok ? p.getLongValue() : 0;
        bindable(FROM_SEQ, ok, p);
      }
      case "token" -> token = text(TOKEN, value, p);
      case "client" -> client = text(CLIENT, value, p);
      case "title" -> title = text(TITLE, value, p);
      case "sessionId" -> sessionId = text(SESSION_ID, value, p);
      case "text" -> text = text(TEXT, value, p);
      case "tool" -> tool = text(TOOL, value, p);
      case "approvalId" -> approvalId = text(APPROVAL_ID, value, p);
      case "decision" -> takeDecision(value, p);
      case "capabilities" -> takeCapabilities(value, p);
      // Any JSON object: databind's tree makes its map (and databind cannot read this parser).
      case "arguments" -> bindable(ARGUMENTS, value == JsonToken.VALUE_NULL, p);
      default -> p.skipChildren(); // No v1 message has it: ignored, as by the params binding.
    }
  }

  private void takeType(JsonToken value, JsonParser p) throws IOException {
    spec = null;
    unknownType = null;
    if (value == JsonToken.VALUE_STRING) {
      spec = specNamed(p);
      unknownType = spec == null ? p.getText() : null;
    }
    bindable(TYPE, value == JsonToken.VALUE_STRING, p);
  }

  private void takeId(JsonToken value, JsonParser p) throws IOException {
    id = value == JsonToken.VALUE_STRING ? p.getText() : null;
    // A tree's id: text as is, none for null or a container; other scalars as the tree spells them.
    bindable(ID, value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL
        || value.isStructStart(), p);
  }

  private void takeDecision(JsonToken value, JsonParser p) throws IOException {
    decision = value == JsonToken.VALUE_STRING ? decisionNamed(p) : null;
    bindable(DECISION, decision != null || value == JsonToken.VALUE_NULL, p);
  }

  private void takeCapabilities(JsonToken value, JsonParser p) throws IOException {
    capabilities = null;
    boolean ok = value == JsonToken.VALUE_NULL;
    if (value == JsonToken.START_OBJECT) {
      Boolean batching = Boolean.FALSE;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken member = p.nextToken();
        if (name.equals("batching")) {
          batching = member.isBoolean() ? member == JsonToken.VALUE_TRUE : null;
        }
        p.skipChildren();
      }
      ok = batching != null;
      capabilities = ok ? new Capabilities(batching) : null;
    }
    bindable(CAPABILITIES, ok, p);
  }

  private String text(int field, JsonToken value, JsonParser p) throws IOException {
    bindable(field, value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL, p);
    return value == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  /** Records whether the field's last value is bound here, and skips a container value. */
  private void bindable(int field, boolean ok, JsonParser p) throws IOException {
    unbindable = ok ? unbindable & ~field : unbindable | field;
    p.skipChildren();
  }

  Record params() {
    if (spec == Protocol.PING) {
      return PING;
    } else if (spec == Protocol.HELLO) {
      return new Hello(protocol, token, client, capabilities);
    } else if (spec == Protocol.SESSION_OPEN) {
      return new SessionOpen(title);
    } else if (spec == Protocol.SESSION_ATTACH) {
      return new SessionAttach(sessionId, fromSeq);
    } else if (spec == Protocol.SESSION_PROMPT) {
      return new SessionPrompt(sessionId, text);
    } else if (spec == Protocol.SESSION_CANCEL) {
      return new SessionCancel(sessionId);
    } else if (spec == Protocol.TOOL_INVOKE) {
      return new ToolInvoke(sessionId, tool, null);
    } else if (spec == Protocol.APPROVAL_REPLY) {
      return new ApprovalReply(sessionId, approvalId, decision);
    } else if (spec == Protocol.SESSIONS_LIST) {
      return new SessionsList();
    }
    return null;
  }

  /** The message these fields make, or null when the tree reader must bind them. */
  ClientMessage message() {
    if ((unbindable & (TYPE | ID)) != 0) {
      return null;
    }
    if (spec == null) {
      return new ClientMessage.UnknownType(id, unknownType);
    }
    if ((unbindable & fieldsOf(spec)) != 0) {
      return null;
    }
    Record params = params();
    return params == null ? null : new ClientMessage.Request(id, spec, params);
  }

  /** The fields a message's params record is bound from. */
  private static int fieldsOf(MessageSpec<?, ?> spec) {
    if (spec == Protocol.PING || spec == Protocol.SESSIONS_LIST) {
      return 0;
    } else if (spec == Protocol.HELLO) {
      return PROTOCOL | TOKEN | CLIENT | CAPABILITIES;
    } else if (spec == Protocol.SESSION_OPEN) {
      return TITLE;
    } else if (spec == Protocol.SESSION_ATTACH) {
      return SESSION_ID | FROM_SEQ;
    } else if (spec == Protocol.SESSION_PROMPT) {
      return SESSION_ID | TEXT;
    } else if (spec == Protocol.SESSION_CANCEL) {
      return SESSION_ID;
    } else if (spec == Protocol.TOOL_INVOKE) {
      return SESSION_ID | TOOL | ARGUMENTS;
    } else if (spec == Protocol.APPROVAL_REPLY) {
      return SESSION_ID | APPROVAL_ID | DECISION;
    }
    return -1; // A message added to the protocol but not here: the tree reader binds it.
  }

  private static boolean isInteger(JsonToken value, JsonParser p, NumberType widest)
      throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT) {
      return false;
    }
    NumberType type = p.getNumberType();
    return type == NumberType.INT || type == widest;
  }

  /** The message whose wire name is the current string, read without making a String of it. */
  private static MessageSpec<?, ?> specNamed(JsonParser p) throws IOException {
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    for (MessageSpec<?, ?> spec : Protocol.MESSAGES) {
      if (equals(spec.type(), chars, offset, length)) {
        return spec;
      }
    }
    return null;
  }

  private static Decision decisionNamed(JsonParser p) throws IOException {
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    for (Decision decision : DECISIONS) {
      if (equals(decision.name(), chars, offset, length)) {
        return decision;
      }
    }
    return null;
  }

  private static boolean equals(String name, char[] chars, int offset, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
