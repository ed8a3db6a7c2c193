package dev.localagent.core.monitor;

import java.time.Instant;

/**
 * The state of one alert across samples. An alert is raised (or raised further) after
 * {@link #RAISE_AFTER} samples in a row past a level, and lowered only after {@link #CLEAR_AFTER}
 * samples in a row back within it by the threshold's clear margin, so one spike does not page
 * anybody and a figure at the threshold does not flap.
 */
final class Hysteresis {
  static final int RAISE_AFTER = 2;
  static final int CLEAR_AFTER = 3;

  private final Threshold threshold;
  private Severity current = Severity.OK;
  private Instant since;
  private int worseRun;
  private Severity worseFloor;
  private int betterRun;

  Hysteresis(Threshold threshold) {
    this.threshold = threshold;
  }

  /** Feeds one measured value and returns the alert's state after it. */
  AlertState next(double value, Instant at) {
    Severity measured = threshold.classify(value);
    if (measured.compareTo(current) > 0) {
      betterRun = 0;
      worseFloor = worseRun == 0 || measured.compareTo(worseFloor) < 0 ? measured : worseFloor;
      if (++worseRun >= RAISE_AFTER) {
        move(worseFloor, at);
      }
    } else if (current != Severity.OK && threshold.clearOf(current, value)) {
      worseRun = 0;
      if (++betterRun >= CLEAR_AFTER) {
        move(measured, at);
      }
    } else {
      worseRun = 0;
      betterRun = 0;
    }
    return current == Severity.OK ? new AlertState.Normal(value)
        : new AlertState.Firing(current, value, threshold.level(current), since);
  }

  /** Nothing to judge this time: the alert clears at once and its runs start over. */
  AlertState noData(String reason) {
    current = Severity.OK;
    worseRun = 0;
    betterRun = 0;
    return new AlertState.NoData(reason);
  }

  private void move(Severity to, Instant at) {
    current = to;
    since = at;
    worseRun = 0;
    betterRun = 0;
  }
}
