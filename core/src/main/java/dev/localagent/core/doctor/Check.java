package dev.localagent.core.doctor;

/** One thing {@code localagent doctor} verifies. Must finish quickly (short timeouts). */
@FunctionalInterface
public interface Check {
  CheckResult run();
}
