package io.tickmesh.peer.flink;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * One bar in progress, as the node's {@code BarBuilder} keeps it: open and close are the trades with the
 * smallest and largest key (ts, feed, seq), volume (scale 8) and notional Σ px·qty (scale 16) are exact
 * signed 128-bit sums in two longs. Adding a trade is long arithmetic without allocation; BigDecimals are
 * made only by {@link #toBar}. A Flink POJO (public fields, no-argument constructor) so that Flink's POJO
 * serializer, not Kryo or Java serialization, handles it as window state.
 */
public final class BarAccumulator {
  public long openTs;
  public String openFeed;
  public long openSeq;
  public long openPx;
  public long closeTs;
  public String closeFeed;
  public long closeSeq;
  public long closePx;
  public long high;
  public long low;
  public long trades;
  public long volumeHigh;
  public long volumeLow;
  public long notionalHigh;
  public long notionalLow;

  /** Adds a trade of this bar. */
  public void add(TradeTick t) {
    long px = t.px();
    if (trades == 0) {
      open(t.ts(), t.feed(), t.seq(), px);
      close(t.ts(), t.feed(), t.seq(), px);
      high = px;
      low = px;
    } else {
      high = Math.max(high, px);
      low = Math.min(low, px);
      if (Tick.compareKeys(t.ts(), t.feed(), t.seq(), closeTs, closeFeed, closeSeq) > 0) {
        close(t.ts(), t.feed(), t.seq(), px);
      } else if (Tick.compareKeys(t.ts(), t.feed(), t.seq(), openTs, openFeed, openSeq) < 0) {
        open(t.ts(), t.feed(), t.seq(), px);
      }
    }
    long volume = volumeLow + t.qty();
    volumeHigh += (t.qty() >> 63) + carry(volumeLow, t.qty(), volume);
    volumeLow = volume;
    long product = px * t.qty();
    long notional = notionalLow + product;
    notionalHigh += Math.multiplyHigh(px, t.qty()) + carry(notionalLow, product, notional);
    notionalLow = notional;
    trades++;
  }

  /** Adds the trades of {@code other} (another part of the same bar). */
  public void merge(BarAccumulator other) {
    if (other.trades == 0) {
      return;
    }
    if (trades == 0 || Tick.compareKeys(other.openTs, other.openFeed, other.openSeq, openTs, openFeed, openSeq) < 0) {
      open(other.openTs, other.openFeed, other.openSeq, other.openPx);
    }
    if (trades == 0 || Tick.compareKeys(other.closeTs, other.closeFeed, other.closeSeq, closeTs, closeFeed, closeSeq) > 0) {
      close(other.closeTs, other.closeFeed, other.closeSeq, other.closePx);
    }
    high = trades == 0 ? other.high : Math.max(high, other.high);
    low = trades == 0 ? other.low : Math.min(low, other.low);
    long volume = volumeLow + other.volumeLow;
    volumeHigh += other.volumeHigh + carry(volumeLow, other.volumeLow, volume);
    volumeLow = volume;
    long notional = notionalLow + other.notionalLow;
    notionalHigh += other.notionalHigh + carry(notionalLow, other.notionalLow, notional);
    notionalLow = notional;
    trades += other.trades;
  }

  /**
   * The node's {@link Bar} of {@code symbol} starting at {@code start} nanoseconds (revision 0: no
   * lateness here), BigDecimals of scale 8 made once a bar as the node makes them; VWAP rounded
   * half-even.
   */
  public Bar toBar(String symbol, BarInterval interval, long start) {
    BigDecimal volume = new BigDecimal(exact(volumeHigh, volumeLow), 8);
    BigDecimal vwap = new BigDecimal(exact(notionalHigh, notionalLow), 16).divide(volume, 8, RoundingMode.HALF_EVEN);
    return new Bar(symbol, interval, start, BigDecimal.valueOf(openPx, 8), BigDecimal.valueOf(high, 8),
        BigDecimal.valueOf(low, 8), BigDecimal.valueOf(closePx, 8), volume, vwap, trades, 0);
  }

  private void open(long ts, String feed, long seq, long px) {
    openTs = ts;
    openFeed = feed;
    openSeq = seq;
    openPx = px;
  }

  private void close(long ts, String feed, long seq, long px) {
    closeTs = ts;
    closeFeed = feed;
    closeSeq = seq;
    closePx = px;
  }

  /** Carry out of the unsigned addition {@code x + y = sum} of two lower words, as 0 or 1. */
  private static long carry(long x, long y, long sum) {
    return ((x & y) | ((x | y) & ~sum)) >>> 63;
  }

  private static BigInteger exact(long high, long low) {
    if (high == (low >> 63)) {
      return BigInteger.valueOf(low);
    }
    return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
  }
}
