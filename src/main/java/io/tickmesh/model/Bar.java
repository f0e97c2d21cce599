package io.tickmesh.model;

import java.math.BigDecimal;

/**
 * A closed OHLCV bar: a pure function of the trades accepted into [start, start + interval). Open is the
 * trade with the smallest (ts, feed, seq), close the largest. {@code revision} is 0 when the bar first
 * closes and grows by one each time a late trade within the allowed lateness changes it.
 */
public record Bar(
    String symbol,
    BarInterval interval,
    long start,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume,
    BigDecimal vwap,
    long trades,
    int revision) {
  /** A bar always holds at least one trade. */
  public Bar {
    if (trades <= 0 || revision < 0) {
      throw new IllegalArgumentException("a bar needs trades and a revision >= 0");
    }
  }

  /** End of the bar, exclusive. */
  public long end() {
    return start + interval.nanos();
  }
}
