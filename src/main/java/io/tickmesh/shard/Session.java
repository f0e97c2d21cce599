package io.tickmesh.shard;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Volume, notional and trade count of the session: the UTC day of the newest trade. A trade of a later
 * day starts a new session; a trade of an earlier day is left out, so the totals depend only on the set
 * of trades, not on their order.
 */
final class Session {
  static final long DAY_NANOS = 86_400_000_000_000L;

  private final ExactSum volume = new ExactSum(); // scale 8
  private final ExactSum notional = new ExactSum(); // scale 16
  private long dayStart;
  private long trades;

  void add(TradeTick t) {
    long ts = t.ts();
    // unsigned: one comparison tells "inside the session's day" from both earlier and later days
    if (trades == 0 || Long.compareUnsigned(ts - dayStart, DAY_NANOS) >= 0) {
      if (trades != 0 && ts < dayStart) {
        return;
      }
      dayStart = Math.floorDiv(ts, DAY_NANOS) * DAY_NANOS;
      volume.clear();
      notional.clear();
      trades = 0;
    }
    volume.add(t.qty());
    notional.addProduct(t.px(), t.qty());
    trades++;
  }

  /** True unless the trade belongs to the session's day and its notional would not fit. */
  boolean hasRoomFor(TradeTick t) {
    return trades == 0 || Long.compareUnsigned(t.ts() - dayStart, DAY_NANOS) >= 0 || notional.hasRoomFor(t.px(), t.qty());
  }

  long trades() {
    return trades;
  }

  /** Start of the session's UTC day; meaningless before the first trade. */
  long dayStart() {
    return dayStart;
  }

  /** The running volume, scale 8 (read and restored by the snapshot codec). */
  ExactSum volumeSum() {
    return volume;
  }

  /** The running Σ(px·qty), scale 16 (read and restored by the snapshot codec). */
  ExactSum notionalSum() {
    return notional;
  }

  /** Restores day and trade count from a snapshot; the sums are restored through their accessors. */
  void restore(long dayStart, long trades) {
    this.dayStart = dayStart;
    this.trades = trades;
  }

  /** Session volume, null before the first trade. */
  BigDecimal volume() {
    return trades == 0 ? null : volume.toBigDecimal(Decimals.SCALE);
  }

  /** Σ(px·qty)/Σqty rounded half-even to 8 places, null before the first trade. */
  BigDecimal vwap() {
    if (trades == 0) {
      return null;
    }
    return notional
        .toBigDecimal(2 * Decimals.SCALE)
        .divide(volume.toBigDecimal(Decimals.SCALE), Decimals.SCALE, RoundingMode.HALF_EVEN);
  }
}
