package dev.localagent.core.config;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in config strings; {@code $${} stays a
 * literal {@code ${}. A variable that is unset (and has no default) is reported, not replaced by
 * an empty string, because an empty API key or URL fails later and far less clearly.
 */
final class EnvExpander {
  private final Map<String, String> env;

  EnvExpander(Map<String, String> env) {
    this.env = env;
  }

  /** Expands {@code text}; each missing variable's name goes to {@code missing}. */
  String expand(String text, Consumer<String> missing) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    var out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && text.startsWith("${", i) && text.indexOf('}', i) > 0) {
        int end = text.indexOf('}', i);
        out.append(resolve(text.substring(i + 2, end), missing));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private String resolve(String expression, Consumer<String> missing) {
    int dash = expression.indexOf(":-");
    String name = dash < 0 ? expression : expression.substring(0, dash);
    String value = env.get(name);
    if (value != null && !(dash >= 0 && value.isEmpty())) {
      return value;
    }
    if (dash >= 0) {
      return expression.substring(dash + 2);
    }
    missing.accept(name);
    return "";
  }
}
