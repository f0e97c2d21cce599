package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;

/**
 * One bar in progress: OHLC, volume, notional and trade count of the trades added so far. The result is
 * a pure function of the set of trades added, whatever their order: open and close are the trades with
 * the smallest and the largest key (ts, feed, seq), and everything else commutes. Keys are unique
 * because the shard drops duplicate (feed, seq); should two trades share a key, the first added stays.
 *
 * <p>Adding a trade is long arithmetic without allocation; BigDecimals are made only by {@link #toBar}.
 * Single-threaded: owned by the {@link SymbolState} of one shard.
 */
public final class BarBuilder extends TradeTotals {
  private final long start;
  // the open and close ticks themselves: holding the references costs nothing and keeps the keys
  private TradeTick open;
  private TradeTick close;
  private long high;
  private long low;
  private int revision;
  private boolean dirty;
  private boolean inHistory; // kept by reference in its interval's BarHistory

  /** An empty bar starting at {@code start} (nanoseconds since the epoch). */
  public BarBuilder(long start) {
    this.start = start;
  }

  /** True if the trade's notional fits into this bar's sum. */
  boolean hasRoomFor(TradeTick t) {
    return totalsHaveRoomFor(t.px(), t.qty());
  }

  /** Adds a trade; the caller has checked that its ts falls into this bar. */
  public void add(TradeTick t) {
    long px = t.px();
    if (trades() == 0) {
      open = t;
      close = t;
      high = px;
      low = px;
    } else {
      high = Math.max(high, px);
      low = Math.min(low, px);
      // a live feed mostly appends: one ts comparison settles the common case
      if (compareKeys(t, close) > 0) {
        close = t;
      } else if (compareKeys(t, open) < 0) {
        open = t;
      }
    }
    addToTotals(px, t.qty());
  }

  /** Orders trades by (ts, feed, seq), see {@link Tick#compareKeys}. */
  static int compareKeys(TradeTick a, TradeTick b) {
    return Tick.compareKeys(a.ts(), a.feed(), a.seq(), b.ts(), b.feed(), b.seq());
  }

  /** The bar as it stands, with the current revision; VWAP is rounded half-even to 8 places. */
  public Bar toBar(String symbol, BarInterval interval) {
    if (trades() == 0) {
      throw new IllegalStateException("a bar needs at least one trade");
    }
    return new Bar(
        symbol,
        interval,
        start,
        Decimals.toBigDecimal(open.px()),
        Decimals.toBigDecimal(high),
        Decimals.toBigDecimal(low),
        Decimals.toBigDecimal(close.px()),
        volumeDecimal(),
        vwapDecimal(),
        trades(),
        revision);
  }

  /** Start of the bar, nanoseconds since the epoch. */
  public long start() {
    return start;
  }

  /** Revision of the last emitted bar: 0 until and when first emitted, then one more per revision. */
  public int revision() {
    return revision;
  }

  /** The trade with the smallest key, null while empty. */
  TradeTick openTrade() {
    return open;
  }

  /** The trade with the largest key, null while empty. */
  TradeTick closeTrade() {
    return close;
  }

  /** Highest price, scaled; meaningless while empty. */
  long high() {
    return high;
  }

  /** Lowest price, scaled; meaningless while empty. */
  long low() {
    return low;
  }

  /** True if closed and changed since it was last emitted: its next revision is pending. */
  boolean isDirty() {
    return dirty;
  }

  /**
   * Restores an empty bar to the state a snapshot recorded, except its totals (restored with {@link
   * #restoreTotals}). The codec has checked that both trades fall into this bar.
   */
  void restore(TradeTick open, TradeTick close, long high, long low, int revision, boolean dirty) {
    this.open = open;
    this.close = close;
    this.high = high;
    this.low = low;
    this.revision = revision;
    this.dirty = dirty;
  }

  /** True if its {@link BarHistory} keeps this (closed, revisable) bar by reference. */
  boolean inHistory() {
    return inHistory;
  }

  void inHistory(boolean kept) {
    inHistory = kept;
  }

  /** Marks a closed bar as changed since it was last emitted; false if it already was. */
  boolean markDirty() {
    boolean was = dirty;
    dirty = true;
    return !was;
  }

  /** Moves to the next revision before a changed closed bar is emitted again. */
  void nextRevision() {
    revision++;
    dirty = false;
  }
}
