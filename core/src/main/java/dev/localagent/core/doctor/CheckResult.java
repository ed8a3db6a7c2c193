package dev.localagent.core.doctor;

/** The outcome of one doctor check: what was checked, how it went, and how to fix a failure. */
public record CheckResult(String name, Status status, String detail, String hint) {

  /** Ordered from best to worst, so the worst result of a run is the maximum. */
  public enum Status {
    OK,
    WARN,
    FAIL
  }

  public static CheckResult ok(String name, String detail) {
    return new CheckResult(name, Status.OK, detail, "");
  }

  public static CheckResult warn(String name, String detail, String hint) {
    return new CheckResult(name, Status.WARN, detail, hint);
  }

  public static CheckResult fail(String name, String detail, String hint) {
    return new CheckResult(name, Status.FAIL, detail, hint);
  }
}
