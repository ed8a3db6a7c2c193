package dev.localagent.api.model;

/** Receives a model reply while it streams. Called on the thread that runs the request. */
@FunctionalInterface
public interface StreamListener {
  /** A fragment of reply text, in order. */
  void onText(String fragment);

  StreamListener IGNORE = fragment -> {};
}
