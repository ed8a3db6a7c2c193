package dev.localagent.core.monitor;

import java.time.Instant;

/** Where one alert stands after a sample; a closed set. */
public sealed interface AlertState {
  Severity severity();

  /** Not evaluated: nothing to judge (no offered load, too few requests or plugins, no sample yet). */
  record NoData(String reason) implements AlertState {
    public Severity severity() {
      return Severity.OK;
    }
  }

  /** Evaluated and within the thresholds. */
  record Normal(double value) implements AlertState {
    public Severity severity() {
      return Severity.OK;
    }
  }

  /** Past a threshold since {@code since}; {@code threshold} is the one crossed. */
  record Firing(Severity severity, double value, double threshold, Instant since) implements AlertState {
    public Firing {
      if (severity == Severity.OK) {
        throw new IllegalArgumentException("a firing alert is a warning or critical");
      }
    }
  }
}
