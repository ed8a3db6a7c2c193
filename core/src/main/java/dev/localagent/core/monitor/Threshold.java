package dev.localagent.core.monitor;

/** A warning and a critical level for one figure, and which side of them is bad. */
sealed interface Threshold {
  /**
   * How far past its level a figure must come back before an alert clears (10%): a figure that
   * hovers at the threshold does not flap.
   */
  double CLEAR_MARGIN = 0.10;

  Severity classify(double value);

  /** The level {@code severity} is raised at. */
  double level(Severity severity);

  /** Whether {@code value} is back within {@code severity}'s level by the clear margin. */
  boolean clearOf(Severity severity, double value);

  /** Bad when above: memory, error rate, plugin loading time. */
  record Above(double warning, double critical) implements Threshold {
    public Severity classify(double value) {
      return value > critical ? Severity.CRITICAL : value > warning ? Severity.WARNING : Severity.OK;
    }

    public double level(Severity severity) {
      return severity == Severity.CRITICAL ? critical : warning;
    }

    public boolean clearOf(Severity severity, double value) {
      return value <= level(severity) * (1 - CLEAR_MARGIN);
    }
  }

  /** Bad when below: throughput. */
  record Below(double warning, double critical) implements Threshold {
    public Severity classify(double value) {
      return value < critical ? Severity.CRITICAL : value < warning ? Severity.WARNING : Severity.OK;
    }

    public double level(Severity severity) {
      return severity == Severity.CRITICAL ? critical : warning;
    }

    public boolean clearOf(Severity severity, double value) {
      return value >= level(severity) * (1 + CLEAR_MARGIN);
    }
  }
}
