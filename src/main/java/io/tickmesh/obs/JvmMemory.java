package io.tickmesh.obs;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.json.JsonObject;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/** The JVM's memory as {@code /api/v1/stats} reports it under {@code jvm}. */
public final class JvmMemory {
  private JvmMemory() {}

  /**
   * Heap in use now, and the highest use of each heap pool since start, summed (an upper bound); direct
   * memory in use and its limit. Netty counts its own direct buffers only when it allocates them without a
   * cleaner (not on a JDK 17 started without extra flags, where it reports -1); the rest are in the JDK's
   * "direct" buffer pool. So direct memory is the sum of the two.
   */
  public static JsonObject json() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long direct = Math.max(0, PlatformDependent.usedDirectMemory());
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct += pool.getMemoryUsed();
      }
    }
    return new JsonObject()
        .put("heapUsedBytes", heap.getUsed())
        .put("heapCommittedBytes", heap.getCommitted())
        .put("heapMaxBytes", heap.getMax())
        .put("heapPeakBytes", peak)
        .put("directBytes", direct)
        .put("directMaxBytes", PlatformDependent.maxDirectMemory());
  }
}
