package dev.localagent.bench;

import java.util.Arrays;

/** Medians and percentiles of measured samples. */
public final class Stats {
  private Stats() {}

  public static double median(double[] samples) {
    return percentile(samples, 50);
  }

  public static double percentile(double[] samples, double percent) {
    if (samples.length == 0) {
      return Double.NaN;
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    double rank = percent / 100 * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
  }
}
