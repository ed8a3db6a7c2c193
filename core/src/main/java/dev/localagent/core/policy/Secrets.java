package dev.localagent.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognises secrets so they never reach a child process's environment or the audit log: by
 * variable name (API keys, tokens, passwords) and by value (the values of such variables in our
 * own environment, and common token shapes).
 */
public final class Secrets {
  public static final String MASK = "***";
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PASSPHRASE|CREDENTIALS?|PAT|AUTH)$"
          + "|(?i).*(SECRET|PASSWORD|TOKEN|PRIVATE_KEY).*");
  private static final Pattern TOKEN_SHAPES = Pattern.compile(
      "\\b(sk-[A-Za-z0-9_\\-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9\\-]{10,}"
          + "|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]+)"
          + "|(?i)(bearer\\s+)[A-Za-z0-9._\\-]{8,}");
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?i)\\b([A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?))=(\\S+)");
  private static final int MIN_VALUE_LENGTH = 4;

  private final List<String> knownValues;

  private Secrets(List<String> knownValues) {
    this.knownValues = knownValues;
  }

  /** Knows the values of the secret-named variables in {@code env}, to mask them anywhere. */
  public static Secrets from(Map<String, String> env) {
    var values = new ArrayList<String>();
    env.forEach((name, value) -> {
      if (isSecretName(name) && value != null && value.length() >= MIN_VALUE_LENGTH) {
        values.add(value);
      }
    });
    // Longest first, so a secret containing another is masked whole.
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(List.copyOf(values));
  }

  /** True for names like OPENAI_API_KEY, GITHUB_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY. */
  public static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** A copy of {@code env} without secret-named variables, for a child process. */
  public static Map<String, String> scrubEnvironment(Map<String, String> env) {
    var out = new LinkedHashMap<String, String>();
    env.forEach((name, value) -> {
      if (!isSecretName(name)) {
        out.put(name, value);
      }
    });
    return out;
  }

  /** {@code text} with known secret values, token shapes and NAME=value secrets masked. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String value : knownValues) {
      out = out.replace(value, MASK);
    }
    out = TOKEN_SHAPES.matcher(out).replaceAll(m -> m.group(2) != null ? m.group(2) + MASK : MASK);
    return ASSIGNMENT.matcher(out).replaceAll(m -> m.group(1) + "=" + MASK);
  }
}
