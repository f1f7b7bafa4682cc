package dev.phasekeeper.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Rests until the JIT compiler has caught up. On the project's 2-core machine it lags minutes
 * behind under load (its C2 thread took 0.6-0.7 of a core through measured runs that followed a
 * fixed warm-up), so a benchmark measured straight after its warm-up shares the machine with it.
 *
 * @param seconds how long it rested
 * @param lastShare the share of the last second the compiler worked
 */
record JitRest(double seconds, double lastShare) {

  /** The compiler counts as idle when it worked less than this share of a second. */
  static final double IDLE_SHARE = 0.10;

  /** The share of the time since {@code compiledBefore} (ms of compilation) that the JIT worked. */
  static double shareSince(long compiledBefore, long startNanos) {
    double elapsedMillis = (System.nanoTime() - startNanos) / 1e6;
    return (jit().getTotalCompilationTime() - compiledBefore) / elapsedMillis;
  }

  static long compiledMillis() {
    return jit().getTotalCompilationTime();
  }

  /** Sleeps a second at a time until the compiler idles or {@code atMost} has passed. */
  static JitRest await(Duration atMost) {
    long start = System.nanoTime();
    double share = 1;
    while (share >= IDLE_SHARE && System.nanoTime() - start < atMost.toNanos()) {
      long before = compiledMillis();
      long second = System.nanoTime();
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while resting", e);
      }
      share = shareSince(before, second);
    }
    return new JitRest(
        Math.round((System.nanoTime() - start) / 1e8) / 10.0, Math.round(share * 100) / 100.0);
  }

  private static CompilationMXBean jit() {
    return ManagementFactory.getCompilationMXBean();
  }
}
