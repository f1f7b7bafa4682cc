package dev.phasekeeper.bench;

/**
 * One line of Linux's {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}: the thread's
 * or process's name and the CPU it used, in nanoseconds (the kernel counts in clock ticks of 10 ms;
 * USER_HZ is 100 on every architecture the JDK runs on).
 *
 * @param childrenCpuNanos the CPU of the children it has waited for (scripts, for the JVM)
 */
record ProcStat(String name, long cpuNanos, long childrenCpuNanos) {

  private static final long TICK_NANOS = 10_000_000L;

  static ProcStat parse(String line) {
    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
    // the fields after the name start with field 3 (state); utime, stime, cutime, cstime are
    // fields 14 to 17
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return new ProcStat(
        name, ticks(fields[11]) + ticks(fields[12]), ticks(fields[13]) + ticks(fields[14]));
  }

  private static long ticks(String field) {
    return Long.parseLong(field) * TICK_NANOS;
  }
}
