package dev.localagent.core.provider;

import dev.localagent.api.model.ChatMessage;
import dev.localagent.api.model.ChatRequest;
import dev.localagent.api.model.ChatResponse;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.model.StreamListener;
import dev.localagent.api.model.Usage;
import java.util.List;

/**
 * The offline provider: no model at all. It repeats the last user message, labelled so nobody
 * mistakes it for a model, and never calls tools. For demos and benchmarks when no model server
 * runs; only used when named ({@code --provider echo}).
 */
public final class EchoProvider implements ModelProvider {
  public static final String LABEL = "[echo provider: offline, no model] ";
  private final String id;

  public EchoProvider(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamListener listener) {
    String last = "";
    for (ChatMessage message : request.messages()) {
      if (message.role() == ChatMessage.Role.USER) {
        last = message.content();
      }
    }
    String text = LABEL + "you said: " + last;
    for (String word : text.split("(?<= )")) {
      listener.onText(word);
    }
    return new ChatResponse(text, List.of(), new Usage(0, 0), "stop");
  }

  @Override
  public List<String> models() {
    return List.of("echo");
  }
}
