package dev.phasekeeper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CPU of this JVM and of the child processes it has waited for (hook scripts), from {@code
 * /proc/self/stat}: a script's CPU is invisible to the JVM's own counters, yet on two cores it
 * competes with the engine for the same time.
 */
record ProcessCpu(long selfNanos, long childrenNanos) {

  static ProcessCpu now() {
    try {
      ProcStat self = ProcStat.parse(Files.readString(Path.of("/proc/self/stat")));
      return new ProcessCpu(self.cpuNanos(), self.childrenCpuNanos());
    } catch (IOException e) {
      throw new UncheckedIOException("this benchmark reads /proc (Linux)", e);
    }
  }

  /** Milliseconds per item since {@code start}: the JVM's and its scripts'. */
  Map<String, Double> perItemSince(ProcessCpu start, int items) {
    return Map.of(
        "jvmMillis", round((selfNanos - start.selfNanos) / 1e6 / items),
        "scriptMillis", round((childrenNanos - start.childrenNanos) / 1e6 / items));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
