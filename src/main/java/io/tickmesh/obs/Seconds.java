package io.tickmesh.obs;

import java.math.BigDecimal;

/** Durations written as decimal seconds for Prometheus, exactly and without floating point. */
public final class Seconds {
  private Seconds() {}

  /** {@code nanos} as seconds, without trailing zeros: 2500000 → {@code 0.0025}, 1000000000 → {@code 1}. */
  public static String ofNanos(long nanos) {
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
  }

  /** {@code millis} as seconds, without trailing zeros. */
  public static String ofMillis(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }
}
