package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The reject reason of a late trade, written for the person reading the reject record: which bar the
 * trade belonged to and why that bar no longer takes trades. Built only on the (rare) refusal path.
 */
final class LateTradeReason {
  private LateTradeReason() {}

  static String of(long ts, BarInterval interval, long highestTs, long allowedLatenessNanos) {
    return "late: ts "
        + instant(ts)
        + " is in bar "
        + interval
        + "@"
        + instant(interval.startOf(ts))
        + " which closed at event time (highest ts "
        + instant(highestTs)
        + ", allowed lateness "
        + BigDecimal.valueOf(allowedLatenessNanos, 6).stripTrailingZeros().toPlainString()
        + " ms)";
  }

  /** ISO-8601 UTC with as many fraction digits as needed: 14:30:00Z, 14:30:00.5Z, 14:30:00.000000001Z. */
  static String instant(long nanos) {
    String text = Instant.ofEpochSecond(0, nanos).toString();
    int dot = text.lastIndexOf('.');
    if (dot < 0) {
      return text;
    }
    // Instant prints the fraction in groups of three digits; trailing zeros say nothing here
    int end = text.length() - 1;
    while (text.charAt(end - 1) == '0') {
      end--;
    }
    if (end == dot + 1) {
      end = dot;
    }
    return text.substring(0, end) + "Z";
  }
}
