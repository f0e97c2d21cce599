package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.TradeTick;
import java.util.Collection;

/**
 * The bars of one symbol and interval in a {@link ShardSnapshot}: the open bars, then the closed bars a
 * trade may still revise, each list oldest first. A bar's start is written as its bar number relative to
 * the previous bar's (the first one's relative to the bar of the highest ts), and its close trade, high
 * and low relative to its open trade: most of these take one to three bytes.
 *
 * <p>Per bar: start, trade count, {@code revision << 2 | closeIsOpen << 1 | dirty}, the open trade
 * (feed, seq, ts − start, px, qty), the close trade unless it is the open one (feed, seq − open seq,
 * ts − start, px − open px, qty), high − open px, open px − low, volume, notional.
 */
final class BarCodec {
  private static final int DIRTY = 1; // closed and changed since emitted: a revision is pending
  private static final int CLOSE_IS_OPEN = 2; // a single trade: restored as one shared object
  private static final int FLAG_BITS = 2;

  private BarCodec() {}

  static void write(IntervalBars bars, long highestTs, SnapshotWriter out) {
    long nanos = bars.interval().nanos();
    long base = Math.floorDiv(highestTs, nanos);
    writeList(bars.openBuilders(), nanos, base, out);
    writeList(bars.revisableBuilders(), nanos, base, out);
  }

  private static void writeList(
      Collection<BarBuilder> list, long nanos, long base, SnapshotWriter out) {
    out.writeVarLong(list.size());
    long previous = base;
    for (BarBuilder bar : list) {
      long number = Math.floorDiv(bar.start(), nanos);
      out.writeSignedVarLong(number - previous);
      previous = number;
      writeBar(bar, out);
    }
  }

  private static void writeBar(BarBuilder bar, SnapshotWriter out) {
    TradeTick open = bar.openTrade();
    TradeTick close = bar.closeTrade();
    boolean closeIsOpen = close.equals(open); // a single trade (equal keys are one trade anyway)
    out.writeVarLong(bar.trades());
    int flags = (closeIsOpen ? CLOSE_IS_OPEN : 0) | (bar.isDirty() ? DIRTY : 0);
    out.writeVarLong(((long) bar.revision() << FLAG_BITS) | flags);
    out.writeFeed(open.feed());
    out.writeVarLong(open.seq());
    out.writeVarLong(open.ts() - bar.start());
    out.writeVarLong(open.px());
    out.writeVarLong(open.qty());
    if (!closeIsOpen) {
      out.writeFeed(close.feed());
      out.writeSignedVarLong(close.seq() - open.seq());
      out.writeVarLong(close.ts() - bar.start());
      out.writeSignedVarLong(close.px() - open.px());
      out.writeVarLong(close.qty());
    }
    out.writeSignedVarLong(bar.high() - open.px());
    out.writeSignedVarLong(open.px() - bar.low());
    out.writeTotals(bar);
  }

  /**
   * Reads what {@link #write} wrote for {@code interval} into {@code target}, or with a null target (an
   * interval no longer configured) only to get past it; returns the number of bars read.
   */
  static long read(
      SnapshotReader in, BarInterval interval, IntervalBars target, String symbol, long highestTs) {
    long base = Math.floorDiv(highestTs, interval.nanos());
    long open = readList(in, interval, target, symbol, base, true);
    return open + readList(in, interval, target, symbol, base, false);
  }

  private static long readList(
      SnapshotReader in,
      BarInterval interval,
      IntervalBars target,
      String symbol,
      long base,
      boolean open) {
    int size = in.readCount(open ? "open bar" : "revisable bar");
    long number = base;
    for (int i = 0; i < size; i++) {
      number += in.readSignedVarLong();
      long start = start(in, number, interval.nanos());
      BarBuilder bar = readBar(in, symbol, start, interval.nanos(), open);
      boolean placed =
          target == null || (open ? target.restoreOpen(bar) : target.restoreRevisable(bar));
      if (!placed) {
        throw in.corrupt("two " + interval + " bars start at " + LateTradeReason.instant(start));
      }
    }
    return size;
  }

  private static long start(SnapshotReader in, long number, long nanos) {
    try {
      return Math.multiplyExact(number, nanos);
    } catch (ArithmeticException e) {
      throw in.corrupt("bar number " + number + " is out of the time range");
    }
  }

  private static BarBuilder readBar(
      SnapshotReader in, String symbol, long start, long nanos, boolean isOpen) {
    long trades = in.readBounded("bar trade count", 1, Long.MAX_VALUE);
    long flags = in.readVarLong();
    long revision = flags >>> FLAG_BITS;
    if (revision > Integer.MAX_VALUE || (isOpen && (flags & ~CLOSE_IS_OPEN) != 0)) {
      // an open bar has never been emitted: revision 0 and nothing pending
      throw in.corrupt("bad bar flags " + Long.toUnsignedString(flags));
    }
    String feed = in.readFeed();
    long seq = in.readVarLong();
    long ts = start + in.readBounded("trade time within its bar", 0, nanos - 1);
    long px = in.readVarLong();
    TradeTick open = SymbolStateCodec.trade(in, feed, seq, symbol, ts, px, in.readVarLong());
    TradeTick close = open;
    if ((flags & CLOSE_IS_OPEN) == 0) {
      feed = in.readFeed();
      seq = open.seq() + in.readSignedVarLong();
      ts = start + in.readBounded("trade time within its bar", 0, nanos - 1);
      px = open.px() + in.readSignedVarLong();
      close = SymbolStateCodec.trade(in, feed, seq, symbol, ts, px, in.readVarLong());
    }
    long high = open.px() + in.readSignedVarLong();
    long low = open.px() - in.readSignedVarLong();
    BarBuilder bar = new BarBuilder(start);
    bar.restore(open, close, high, low, (int) revision, (flags & DIRTY) != 0);
    in.readTotals(bar, trades);
    return bar;
  }
}
