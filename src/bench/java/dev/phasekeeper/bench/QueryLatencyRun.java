package dev.phasekeeper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Part (4), the measurement: one client sends a query again and again (GET with max=20) and times
 * each answer. Successive queries differ in one value, so that no answer is the previous one served
 * from a cache; each answer is checked against the count the seeder expects.
 */
final class QueryLatencyRun {

  /**
   * What one query measured.
   *
   * @param example the first query sent; the others differ only in the rotated value
   * @param cut whether the time budget ended the run before all queries were sent
   */
  record Result(String example, String rotated, int warmup, Latencies latencies, boolean cut) {}

  /** One query to send and how many services it should find. */
  record Probe(String query, long expected) {}

  private static final int MAX = 20;

  private final MoabClient moab;

  QueryLatencyRun(MoabClient moab) {
    this.moab = moab;
  }

  /**
   * Sends {@code warmup} untimed queries, then up to {@code runs} timed ones, stopping early once
   * {@code budget} is spent.
   */
  Result run(IntFunction<Probe> probes, String rotated, int warmup, int runs, Duration budget) {
    for (int i = 0; i < warmup; i++) {
      send(probes.apply(i));
    }
    long[] nanos = new long[runs];
    long deadline = System.nanoTime() + budget.toNanos();
    int done = 0;
    while (done < runs && System.nanoTime() < deadline) {
      Probe probe = probes.apply(warmup + done);
      long start = System.nanoTime();
      send(probe);
      nanos[done++] = System.nanoTime() - start;
    }
    return new Result(
        probes.apply(0).query(),
        rotated,
        warmup,
        Latencies.of(Arrays.copyOf(nanos, done)),
        done < runs);
  }

  private void send(Probe probe) {
    String query = probe.query();
    JsonNode body = moab.query(query, MAX).expect(200, "query " + query).body();
    long want = probe.expected();
    long total = body.path("totalCount").asLong(-1);
    int results = body.path("results").size();
    if (total != want || results != Math.min(MAX, want)) {
      throw new IllegalStateException(
          "query "
              + query
              + " should find "
              + want
              + " services, answered totalCount "
              + total
              + " with "
              + results
              + " results");
    }
  }
}
