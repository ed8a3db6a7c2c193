package dev.localagent.core.config;

import java.util.Objects;

/**
 * A secret value from the configuration (an API key, a token). It can be written literally, as
 * {@code ${VAR}}, or as {@code {env: VAR}} / {@code {file: ~/.secrets/key}}; the loader resolves
 * the reference when it binds the config. {@link #toString()} never shows the value, so a secret
 * cannot leak through logging, {@code config show} or an exception message.
 */
public final class Secret {
  public static final String REDACTED = "********";
  public static final Secret NONE = new Secret("", "none");

  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** A resolved secret; {@code origin} says where it came from (e.g. {@code env OPENAI_API_KEY}). */
  public static Secret of(String value, String origin) {
    return value.isEmpty() ? NONE : new Secret(value, origin);
  }

  /** The secret itself; call only where it is sent to the service that needs it. */
  public String reveal() {
    return value;
  }

  public boolean isPresent() {
    return !value.isEmpty();
  }

  /** Where the value came from, safe to print. */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return isPresent() ? REDACTED : "";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
