package dev.localagent.core.monitor;

/** How bad a figure is; the ordinal is the value of the {@code localagent_alert_state} gauge. */
public enum Severity {
  OK,
  WARNING,
  CRITICAL;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
