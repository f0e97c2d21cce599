package io.tickmesh.shard;

import io.tickmesh.model.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Volume, notional (Σ px·qty) and trade count of a set of trades, and the VWAP they give: what a bar and
 * a session both sum. A base class rather than a field: the two 128-bit sums (see {@link ExactSum}) sit
 * as four longs in the bar's or session's own object, which with one object per sum cost 192 bytes of
 * every idle symbol. Adding is long arithmetic without allocation. Not thread-safe: owned by one shard.
 */
abstract class TradeTotals {
  private long volumeHigh; // scale 8
  private long volumeLow;
  private long notionalHigh; // scale 16
  private long notionalLow;
  private long trades;

  /** Adds one trade's quantity and notional; the caller has asked {@link #hasRoomFor} first. */
  final void addToTotals(long px, long qty) {
    volumeHigh = ExactSum.addHigh(volumeHigh, volumeLow, qty);
    volumeLow += qty;
    notionalHigh = ExactSum.addProductHigh(notionalHigh, notionalLow, px, qty);
    notionalLow += px * qty;
    trades++;
  }

  /** True if the notional of {@code px * qty} fits into the sum. */
  final boolean totalsHaveRoomFor(long px, long qty) {
    return ExactSum.hasRoomFor(notionalHigh, notionalLow, px, qty);
  }

  /** Back to no trades. */
  final void clearTotals() {
    volumeHigh = 0;
    volumeLow = 0;
    notionalHigh = 0;
    notionalLow = 0;
    trades = 0;
  }

  /** Number of trades added. */
  public final long trades() {
    return trades;
  }

  /** The volume, scale 8. */
  final BigDecimal volumeDecimal() {
    return ExactSum.toBigDecimal(volumeHigh, volumeLow, Decimals.SCALE);
  }

  /** Σ(px·qty)/Σqty rounded half-even to 8 places; there must be a trade. */
  final BigDecimal vwapDecimal() {
    return ExactSum.toBigDecimal(notionalHigh, notionalLow, 2 * Decimals.SCALE)
        .divide(volumeDecimal(), Decimals.SCALE, RoundingMode.HALF_EVEN);
  }

  /** The volume's upper word, signed (for the snapshot codec and the history). */
  final long volumeHigh() {
    return volumeHigh;
  }

  /** The volume's lower word, read as unsigned. */
  final long volumeLow() {
    return volumeLow;
  }

  /** The notional's upper word, signed (for the snapshot codec). */
  final long notionalHigh() {
    return notionalHigh;
  }

  /** The notional's lower word, read as unsigned. */
  final long notionalLow() {
    return notionalLow;
  }

  /** Restores what a snapshot recorded, words as the accessors returned them. */
  final void restoreTotals(long trades, long volumeHigh, long volumeLow, long notionalHigh, long notionalLow) {
    this.trades = trades;
    this.volumeHigh = volumeHigh;
    this.volumeLow = volumeLow;
    this.notionalHigh = notionalHigh;
    this.notionalLow = notionalLow;
  }
}
