package dev.localagent.core.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the alert gauges back from a gateway's /metrics text, for {@code localagent alerts}. */
public final class AlertGauges {
  private static final Pattern SAMPLE =
      Pattern.compile("^localagent_alert_(state|value)\\{alert=\"([a-z_]+)\"} (\\S+)$", Pattern.MULTILINE);

  /** One alert as the running server reports it; {@code value} is NaN when it had no data. */
  public record Reading(String alert, Severity severity, double value) {}

  private AlertGauges() {}

  /** The alerts in {@code metricsText}, in the order the server lists them; empty if it has none. */
  public static List<Reading> parse(String metricsText) {
    Map<String, Severity> states = new java.util.LinkedHashMap<>();
    Map<String, Double> values = new HashMap<>();
    Matcher matcher = SAMPLE.matcher(metricsText);
    while (matcher.find()) {
      if (matcher.group(1).equals("state")) {
        int level = (int) Double.parseDouble(matcher.group(3));
        states.put(matcher.group(2), Severity.values()[Math.clamp(level, 0, Severity.values().length - 1)]);
      } else {
        values.put(matcher.group(2), Double.parseDouble(matcher.group(3)));
      }
    }
    var readings = new ArrayList<Reading>();
    states.forEach((alert, severity) -> readings.add(new Reading(alert, severity, values.getOrDefault(alert, Double.NaN))));
    return readings;
  }
}
