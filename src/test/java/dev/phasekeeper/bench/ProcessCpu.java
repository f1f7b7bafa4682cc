package dev.phasekeeper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU of this JVM and of the child processes it has waited for (hook scripts), from
 * {@code /proc/self/stat}: a script's CPU is invisible to the JVM's own counters, yet on two
 * cores it competes with the engine for the same time.
 */
record ProcessCpu(long selfNanos, long childrenNanos) {

  /** Linux's USER_HZ is 100 on every architecture the JDK runs on. */
  private static final long TICK_NANOS = 10_000_000L;

  static ProcessCpu now() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the command name: state is field 3; utime, stime, cutime, cstime 14-17
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new ProcessCpu(ticks(fields[11]) + ticks(fields[12]),
          ticks(fields[13]) + ticks(fields[14]));
    } catch (IOException e) {
      throw new UncheckedIOException("this benchmark reads /proc (Linux)", e);
    }
  }

  private static long ticks(String field) {
    return Long.parseLong(field) * TICK_NANOS;
  }

  /** Milliseconds per item since {@code start}: the JVM's and its scripts'. */
  java.util.Map<String, Double> perItemSince(ProcessCpu start, int items) {
    return java.util.Map.of(
        "jvmMillis", round((selfNanos - start.selfNanos) / 1e6 / items),
        "scriptMillis", round((childrenNanos - start.childrenNanos) / 1e6 / items));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
