package dev.phasekeeper.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the CPU went during a run: the whole process, the live Java threads grouped by name (the
 * in-process task workers, Tomcat's request threads, the benchmark's clients, ...), and the JVM's
 * own threads that Java cannot list, read from {@code /proc/self/task}: the JIT compilers ({@code
 * jit}) and the garbage collector ({@code gc}). CPU time, unlike wall time, says little about other
 * load on the machine, which {@code loadAverage} records instead.
 */
final class CpuMeter {

  /** CPU milliseconds per thread group over a run, and the 1-minute load average at its end. */
  record Usage(double processMillis, Map<String, Double> groupMillis, String loadAverage) {

    Usage per(int items) {
      Map<String, Double> groups = new LinkedHashMap<>();
      groupMillis.forEach((group, millis) -> groups.put(group, round(millis / items)));
      return new Usage(round(processMillis / items), groups, loadAverage);
    }
  }

  private static final String OTHER = "other";
  private static final List<String> GROUPS =
      List.of(
          "task-worker",
          "http-nio",
          RawWorkers.THREAD_NAME,
          "bench-client",
          "MVStore",
          "process-watcher");

  /** The CPU of benchmark clients whose threads have ended (see {@link Clients}). */
  static final LongAdder ENDED_CLIENTS = new LongAdder();

  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long processStart = processCpuNanos();
  private final Map<String, Long> groupStart = groups();

  /**
   * The CPU used since this meter was made. {@code other} is what the process used beyond the named
   * groups: threads that end during a run (H2's serialization pool, say) take their CPU with them
   * from a sum of live threads.
   */
  Usage usage() {
    Map<String, Double> used = new LinkedHashMap<>();
    groups()
        .forEach(
            (group, nanos) ->
                used.put(group, round((nanos - groupStart.getOrDefault(group, 0L)) / 1e6)));
    double process = (processCpuNanos() - processStart) / 1e6;
    double named = used.values().stream().mapToDouble(Double::doubleValue).sum();
    used.put(OTHER, round(process - named));
    return new Usage(round(process), used, loadAverage());
  }

  private static Map<String, Long> groups() {
    Map<String, Long> groups = new TreeMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      String group = group(info.getThreadName());
      long nanos = THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos > 0 && !group.equals("bench-client") && !group.equals(OTHER)) {
        groups.merge(group, nanos, Long::sum);
      }
    }
    // clients are counted when their threads end, never while they live, so never twice
    groups.put("bench-client", ENDED_CLIENTS.sum());
    groups.putAll(jvmThreads());
    return groups;
  }

  /**
   * CPU nanoseconds of the compiler and GC threads, which are hidden from {@link ThreadMXBean}; a
   * thread that ended is not counted.
   */
  private static Map<String, Long> jvmThreads() {
    Map<String, Long> groups = new TreeMap<>(Map.of("jit", 0L, "gc", 0L));
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(
          task -> {
            try {
              ProcStat thread = ProcStat.parse(Files.readString(task.resolve("stat")));
              String name = thread.name();
              String jvmGroup =
                  name.contains("CompilerThre")
                      ? "jit"
                      : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "gc" : null;
              if (jvmGroup != null) {
                groups.merge(jvmGroup, thread.cpuNanos(), Long::sum);
              }
            } catch (IOException | RuntimeException e) {
              // the thread ended while we read it
            }
          });
    } catch (IOException e) {
      // not Linux: these groups stay 0
    }
    return groups;
  }

  private static String group(String threadName) {
    return GROUPS.stream().filter(threadName::startsWith).findFirst().orElse(OTHER);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The first three fields of /proc/loadavg: the 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
