package dev.localagent.core.provider;

/**
 * A cheap token estimate for context warnings: about four characters per token for English and
 * code with the common BPE vocabularies. Only used to warn early, never to cut a conversation.
 */
final class ContextEstimate {
  private ContextEstimate() {}

  static long tokens(String text) {
    return (text.length() + 3) / 4;
  }
}
