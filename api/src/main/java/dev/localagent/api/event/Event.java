package dev.localagent.api.event;

/**
 * Something that happened in a session. Events are immutable; the session log numbers them.
 *
 * <p>The set is closed so every consumer (renderer, gateway, store, relay) can switch over it
 * exhaustively. {@link #type()} is the stable wire name.
 */
public sealed interface Event
    permits UserMessage,
        ModelDelta,
        ModelMessage,
        ToolCallStarted,
        ToolOutputChunk,
        ToolCallFinished,
        ApprovalRequested,
        ApprovalDecided,
        ErrorRaised,
        TurnDone {

  /** The stable wire name, e.g. {@code "tool.call"}. */
  String type();
}
