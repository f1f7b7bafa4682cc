package dev.phasekeeper.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of measured durations, in milliseconds (nearest-rank method).
 *
 * @param count how many durations were measured
 */
record Latencies(int count, double p50, double p95, double p99, double max, double mean) {

  static Latencies of(long[] nanos) {
    if (nanos.length == 0) {
      return new Latencies(0, 0, 0, 0, 0, 0);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length,
        millis(rank(sorted, 50)),
        millis(rank(sorted, 95)),
        millis(rank(sorted, 99)),
        millis(sorted[sorted.length - 1]),
        millis((long) Arrays.stream(sorted).average().orElse(0)));
  }

  private static long rank(long[] sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
