package dev.localagent.core.agent;

/**
 * The engine behind every client: takes submissions for a session and emits events into that
 * session's log. Turns run on virtual threads; {@link #submit} never blocks on the model.
 */
public interface AgentEngine extends AutoCloseable {

  /**
   * Accepts a submission for a session.
   *
   * @return whether it was accepted: false when the session does not exist, a prompt arrives
   *     while a turn is running, or an approval was already answered (the reason is in {@code
   *     outcome.message()})
   */
  Outcome submit(String sessionId, Submission submission);

  /**
   * Why the session's running turn stopped without its end in the log, while it waits for the log
   * to take events again (the store is unreachable or full); empty otherwise. Clients learn of
   * turns only from the log, so one waiting on a turn asks this when the log stays silent.
   */
  default java.util.Optional<String> unrecordedEnd(String sessionId) {
    return java.util.Optional.empty();
  }

  /** Waits for running turns to finish, up to the given time, then cancels the rest. */
  @Override
  void close();

  /**
   * An engine that runs no turns and refuses every submission with {@code code} and {@code
   * message}: for a gateway that only serves connections (AOT training, benchmark servers).
   */
  static AgentEngine refusing(String code, String message) {
    return new AgentEngine() {
      @Override
      public Outcome submit(String sessionId, Submission submission) {
        return Outcome.refused(code, message);
      }

      @Override
      public void close() {}
    };
  }

  /** Whether a submission was accepted, and a message saying why not. */
  record Outcome(boolean accepted, String code, String message) {
    public static final Outcome ACCEPTED = new Outcome(true, null, "accepted");

    public static Outcome refused(String code, String message) {
      return new Outcome(false, code, message);
    }
  }
}
