package io.tickmesh.obs;

import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch (microsecond resolution on Linux). */
public final class WallClock {
  private WallClock() {}

  /** Now, as nanoseconds since the epoch. */
  public static long nanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
