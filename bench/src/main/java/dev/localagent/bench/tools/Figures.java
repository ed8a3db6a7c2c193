package dev.localagent.bench.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rows of a benchmark report: median of several runs, printed with the ratio to a baseline. */
final class Figures {
  private record Row(String name, List<Double> runs) {
    double median() {
      var sorted = runs.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  /** Measures one variant once. */
  @FunctionalInterface
  interface Measure {
    double rate() throws Exception;
  }

  private final List<Row> rows = new ArrayList<>();

  void add(String name, int runs, Measure measure) throws Exception {
    var values = new ArrayList<Double>(runs);
    for (int i = 0; i < runs; i++) {
      values.add(measure.rate());
    }
    rows.add(new Row(name, values));
  }

  /**
   * Measures every variant {@code runs} times in rounds: one run of each, in the given order,
   * then the next round. On a shared machine the load drifts over the minutes a benchmark takes;
   * runs of one variant back to back put the drift between variants, rounds spread it over all.
   */
  void addInRounds(int runs, Map<String, Measure> variants) throws Exception {
    var values = new LinkedHashMap<String, List<Double>>();
    variants.keySet().forEach(name -> values.put(name, new ArrayList<>(runs)));
    for (int i = 0; i < runs; i++) {
      for (var variant : variants.entrySet()) {
        values.get(variant.getKey()).add(variant.getValue().rate());
      }
    }
    values.forEach((name, runsOfIt) -> rows.add(new Row(name, runsOfIt)));
  }

  double median(String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().median();
  }

  /** Prints every row as "name  median/s  xRatio" against {@code baseline}, plus the raw runs. */
  void print(PrintWriter out, String unit, String baseline, String secondBaseline) {
    double base = median(baseline);
    double second = median(secondBaseline);
    out.printf(Locale.ROOT, "%-38s %14s %10s %10s   %s%n", "variant", "median " + unit, "vs " + shortName(baseline),
        "vs " + shortName(secondBaseline), "runs");
    for (Row row : rows) {
      out.printf(Locale.ROOT, "%-38s %14.0f %9.2fx %9.2fx   %s%n", row.name(), row.median(), row.median() / base,
          row.median() / second, row.runs().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
    out.flush();
  }

  /**
   * Prints, for the rows named, the median over rounds of the ratio to each baseline's run in
   * the same round ({@link #addInRounds}): the runs of one round ran minutes apart at most, so
   * these ratios move less with the machine's load than the ratio of the medians.
   */
  void printPaired(PrintWriter out, List<String> names, String baseline, String secondBaseline) {
    Row base = row(baseline);
    Row second = row(secondBaseline);
    for (String name : names) {
      Row row = row(name);
      out.printf(Locale.ROOT, "%-38s %14s %9.2fx %9.2fx   per round vs " + shortName(baseline) + ": %s%n", name, "paired", pairedMedian(row, base),
          pairedMedian(row, second), ratios(row, base).stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }
    out.flush();
  }

  private Row row(String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Double> ratios(Row row, Row base) {
    var ratios = new ArrayList<Double>();
    for (int i = 0; i < Math.min(row.runs().size(), base.runs().size()); i++) {
      ratios.add(row.runs().get(i) / base.runs().get(i));
    }
    return ratios;
  }

  private static double pairedMedian(Row row, Row base) {
    return new Row(row.name(), ratios(row, base)).median();
  }

  private static String shortName(String name) {
    int space = name.indexOf(' ');
    return space < 0 ? name : name.substring(0, space);
  }
}
