package dev.localagent.core.error;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable, documented error code such as {@code LA-CONFIG-002} and the exit code it maps to.
 * Each area declares its codes as constants in its own {@code XxxErrors} class; docs/ERRORS.md
 * lists them all.
 */
public record ErrorCode(String id, ExitCode exitCode) {
  private static final Pattern FORMAT = Pattern.compile("LA-[A-Z]+-\\d{3}");

  public ErrorCode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(exitCode, "exitCode");
    if (!FORMAT.matcher(id).matches()) {
      throw new IllegalArgumentException("error code must look like LA-AREA-000: " + id);
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
