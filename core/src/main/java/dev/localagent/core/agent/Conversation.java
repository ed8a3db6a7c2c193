package dev.localagent.core.agent;

import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.UserMessage;
import dev.localagent.api.model.ChatMessage;
import dev.localagent.api.model.ToolCallRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The messages a model sees, derived from the session log: user messages, model messages and
 * tool results. Rebuilt from the log when a session is resumed, so the log stays the only truth.
 * Only the turn's own thread touches it.
 */
final class Conversation {
  private final List<ChatMessage> messages = new ArrayList<>();
  private final Set<String> unanswered = new LinkedHashSet<>();

  static Conversation fromLog(List<SessionEvent> events) {
    var conversation = new Conversation();
    for (SessionEvent stored : events) {
      switch (stored.event()) {
        case UserMessage user -> conversation.addUser(user.text());
        case ModelMessage model -> conversation.addAssistant(model.text(), model.toolCalls());
        case ToolCallFinished result -> conversation.addToolResult(result.callId(), ToolReplies.forModel(result));
        default -> {}
      }
    }
    return conversation;
  }

  void addUser(String text) {
    closeDangling("not run: the turn ended first");
    messages.add(ChatMessage.user(text));
  }

  void addAssistant(String text, List<ToolCallRequest> calls) {
    messages.add(ChatMessage.assistant(text, calls));
    calls.forEach(call -> unanswered.add(call.id()));
  }

  void addToolResult(String callId, String content) {
    if (unanswered.remove(callId)) {
      messages.add(ChatMessage.tool(callId, content));
    }
  }

  /** Servers refuse a tool call without a result; calls a cancelled turn left get one. */
  void closeDangling(String why) {
    for (String callId : List.copyOf(unanswered)) {
      addToolResult(callId, why);
    }
  }

  List<ChatMessage> withSystem(String systemPrompt) {
    var all = new ArrayList<ChatMessage>(messages.size() + 1);
    all.add(ChatMessage.system(systemPrompt));
    all.addAll(messages);
    return all;
  }
}
