package dev.localagent.core.monitor;

/**
 * One alert as it stands: its state and a sentence for people, e.g. {@code resident memory
 * 612 MB, above the warning threshold 500 MB}.
 */
public record Alert(AlertName name, AlertState state, String description) {
  public Severity severity() {
    return state.severity();
  }

  public boolean firing() {
    return state instanceof AlertState.Firing;
  }
}
