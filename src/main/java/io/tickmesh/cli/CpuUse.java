package io.tickmesh.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * CPU time a process spent on some ticks, beside the wall time they took: what says whether a rate was
 * limited by cores (the machine's, shared by the publisher, the node and its database) or by something
 * else. Measured rounds add up with {@link #plus}.
 */
record CpuUse(long ticks, long cpuNanos, long wallNanos) {
  static final CpuUse NONE = new CpuUse(0, 0, 0);

  /** CPU time of this JVM so far, every thread (GC and compiler included), in nanoseconds; -1 if unknown. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  CpuUse plus(long moreTicks, long moreCpuNanos, long moreWallNanos) {
    return new CpuUse(ticks + moreTicks, cpuNanos + moreCpuNanos, wallNanos + moreWallNanos);
  }

  /** {@code 1.234 us of CPU per tick, 0.87 cores busy}. */
  String describe() {
    if (ticks == 0 || cpuNanos <= 0 || wallNanos == 0) {
      return "unknown";
    }
    return String.format(Locale.ROOT, "%.3f us of CPU per tick, %.2f cores busy", cpuNanos / 1e3 / ticks, (double) cpuNanos / wallNanos);
  }
}
