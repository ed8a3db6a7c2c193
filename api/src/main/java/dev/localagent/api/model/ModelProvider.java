package dev.localagent.api.model;

import java.util.List;

/**
 * A source of model replies: a local server (Ollama, llama.cpp, LM Studio, vLLM), any
 * OpenAI-compatible endpoint, or a provider contributed by a plugin.
 */
public interface ModelProvider {

  /** The provider's configured name, e.g. {@code "ollama"}. */
  String id();

  /**
   * Sends one request and streams the reply to {@code listener}; returns the whole reply.
   *
   * @throws ProviderException when the server is unreachable, refuses, or answers badly
   * @throws InterruptedException when the calling thread is interrupted (the turn was cancelled)
   */
  ChatResponse chat(ChatRequest request, StreamListener listener)
      throws ProviderException, InterruptedException;

  /** The models the server offers. */
  List<String> models() throws ProviderException, InterruptedException;
}
