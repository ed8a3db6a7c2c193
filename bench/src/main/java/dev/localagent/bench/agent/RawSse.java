package dev.localagent.bench.agent;

import dev.localagent.api.model.ChatMessage;
import dev.localagent.api.model.ChatRequest;
import dev.localagent.api.model.StreamListener;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.agent.EngineSettings;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.testkit.FakeModelServer;
import java.util.List;
import java.util.Map;

/**
 * The floor: the same streamed model step through the provider alone (HTTP, SSE parsing, tool-call
 * assembly), with no engine, no tool and no session log.
 */
final class RawSse {
  private RawSse() {}

  static double microsPerRequest(FakeModelServer server, int requests) throws Exception {
    var provider = Providers.createDirect(
        ProviderConfig.of("floor", "openai", server.openAiUrl(), "fake-model"), Map.of());
    // The last message is not a user's, so the fake server answers with a streamed tool call.
    // Same system prompt and tool list as the engine sends, so both requests have one size.
    var request = new ChatRequest("fake-model",
        List.of(ChatMessage.system(EngineSettings.DEFAULT_SYSTEM_PROMPT.formatted("/tmp/bench")),
            ChatMessage.user("call the tool"), ChatMessage.assistant("", List.of())),
        List.of(new ToolSpec("bench.noop", "Does nothing", null)), Map.of());
    // On a virtual thread, as engine turns run: the same scheduler wakes both.
    var elapsed = new java.util.concurrent.atomic.AtomicLong();
    var failure = new java.util.concurrent.atomic.AtomicReference<Exception>();
    Thread.ofVirtual().start(() -> {
      long started = System.nanoTime();
      try {
        for (int i = 0; i < requests; i++) {
          provider.chat(request, StreamListener.IGNORE);
        }
      } catch (Exception e) {
        failure.set(e);
      }
      elapsed.set(System.nanoTime() - started);
    }).join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return elapsed.get() / 1e3 / requests;
  }
}
