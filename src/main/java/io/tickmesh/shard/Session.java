package io.tickmesh.shard;

import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;

/**
 * Volume, notional and trade count of the session: the UTC day of the newest trade. A trade of a later
 * day starts a new session; a trade of an earlier day is left out, so the totals depend only on the set
 * of trades, not on their order.
 */
final class Session extends TradeTotals {
  static final long DAY_NANOS = 86_400_000_000_000L;

  private long dayStart;

  void add(TradeTick t) {
    long ts = t.ts();
    // unsigned: one comparison tells "inside the session's day" from both earlier and later days
    if (trades() == 0 || Long.compareUnsigned(ts - dayStart, DAY_NANOS) >= 0) {
      if (trades() != 0 && ts < dayStart) {
        return;
      }
      dayStart = Math.floorDiv(ts, DAY_NANOS) * DAY_NANOS;
      clearTotals();
    }
    addToTotals(t.px(), t.qty());
  }

  /** True unless the trade belongs to the session's day and its notional would not fit. */
  boolean hasRoomFor(TradeTick t) {
    return trades() == 0
        || Long.compareUnsigned(t.ts() - dayStart, DAY_NANOS) >= 0
        || totalsHaveRoomFor(t.px(), t.qty());
  }

  /** Start of the session's UTC day; meaningless before the first trade. */
  long dayStart() {
    return dayStart;
  }

  /** Restores the day from a snapshot; the totals are restored with {@link #restoreTotals}. */
  void restoreDay(long dayStart) {
    this.dayStart = dayStart;
  }

  /** Session volume, null before the first trade. */
  BigDecimal volume() {
    return trades() == 0 ? null : volumeDecimal();
  }

  /** Σ(px·qty)/Σqty rounded half-even to 8 places, null before the first trade. */
  BigDecimal vwap() {
    return trades() == 0 ? null : vwapDecimal();
  }
}
