package dev.localagent.core.doctor;

import dev.localagent.core.doctor.CheckResult.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs checks in order; a check that throws is reported as failed, and the others still run. */
public final class Doctor {
  private Doctor() {}

  public static List<CheckResult> run(List<Check> checks) {
    var results = new ArrayList<CheckResult>();
    for (var check : checks) {
      try {
        results.add(check.run());
      } catch (RuntimeException e) {
        results.add(CheckResult.fail(check.getClass().getSimpleName(), "check crashed: " + e,
            "rerun with --debug and report it"));
      }
    }
    return results;
  }

  public static Status worst(List<CheckResult> results) {
    return results.stream().map(CheckResult::status).max(Comparator.naturalOrder()).orElse(Status.OK);
  }
}
