package dev.localagent.cluster;

import dev.localagent.api.event.ApprovalDecided;
import dev.localagent.api.event.ApprovalRequested;
import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.Event;
import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.ModelMessage;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.api.event.ToolCallFinished;
import dev.localagent.api.event.ToolCallStarted;
import dev.localagent.api.event.ToolOutputChunk;
import dev.localagent.api.event.TurnDone;
import dev.localagent.api.event.UserMessage;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.session.EventJson;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An event with its seq on its way to Redis in a {@link RedisSessionLog}'s queue, already in its
 * stream form; {@code written} completes when Redis took it, and is null when nobody waits.
 * Also what decides who waits, the arguments of the append script for a batch, and what a
 * failed script means for the appender.
 */
record PendingAppend(SessionEvent stored, String line, String title, CompletableFuture<Void> written) {

  /** Queues {@code stored}; its appender waits when the event is one that must (or the queue is full). */
  static PendingAppend of(SessionEvent stored, boolean queueFull) {
    boolean waits = waitsForRedis(stored.event()) || queueFull;
    String title = stored.event() instanceof UserMessage user ? titleOf(user.text()) : "";
    return new PendingAppend(stored, EventJson.toLine(stored), title, waits ? new CompletableFuture<>() : null);
  }

  /**
   * The events whose append returns only once Redis holds them and every event before them: where
   * a turn ends, where a tool with side effects starts or ends, where someone must answer. Every
   * other event of a turn is followed by one of these, so it is written by then at the latest.
   */
  static boolean waitsForRedis(Event event) {
    return switch (event) {
      case TurnDone done -> true;
      case ToolCallStarted started -> true;
      case ToolCallFinished finished -> true;
      case ApprovalRequested requested -> true;
      case ApprovalDecided decided -> true;
      case UserMessage user -> false;
      case ModelDelta delta -> false;
      case ModelMessage message -> false;
      case ToolOutputChunk chunk -> false;
      case ErrorRaised error -> false;
    };
  }

  /** ARGV of {@link RedisScripts#APPEND} for a batch of consecutive seqs. */
  static String[] scriptArgs(String token, String sessionId, List<PendingAppend> batch) {
    String[] args = new String[5 + batch.size()];
    args[0] = token;
    args[1] = Long.toString(batch.getFirst().stored().seq());
    args[2] = Long.toString(batch.getLast().stored().timestampMillis());
    args[3] = sessionId;
    args[4] = batch.stream().map(PendingAppend::title).filter(t -> !t.isEmpty()).findFirst().orElse("");
    for (int i = 0; i < batch.size(); i++) {
      args[5 + i] = batch.get(i).line();
    }
    return args;
  }

  /** What a failed append script means: refused by the fence (not the owner) or Redis failed. */
  static LocalAgentException failure(String sessionId, Throwable error) {
    return switch (error) {
      case LocalAgentException refused -> refused;
      case RedisCommandExecutionException refused -> notOwner(sessionId, firstWord(refused.getMessage()).equals("SEQ")
          ? "another writer appended first (" + refused.getMessage() + ")" : "its lease went to another instance");
      case RedisException redisFailed -> ClusterNode.unavailable("append to session " + sessionId, redisFailed);
      default -> ClusterNode.unavailable("append to session " + sessionId, new RedisException(error));
    };
  }

  static LocalAgentException notOwner(String sessionId, String why) {
    return new LocalAgentException(ClusterErrors.NOT_OWNER,
        "session " + sessionId + " was not written: " + why,
        "another instance runs this session now; send the submission again and it is routed there");
  }

  private static String titleOf(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  private static String firstWord(String message) {
    if (message == null) {
      return "";
    }
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }
}
