package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import java.util.Arrays;

/**
 * Closed bars as rows of scaled longs ({@value #FIELDS} a bar), sorted by start, at most one per start:
 * the storage of {@link BarHistory}, which decides what is kept (and extends this class rather than
 * holding an instance: one object less for each interval of each symbol). A row rather than a {@link Bar} record:
 * a record with its six BigDecimals took about 370 bytes of heap, a row 80, and most bars kept are never
 * asked for. Bars nearly always arrive in start order and are forgotten oldest first, so the rows sit in
 * a window [first, end) of an array that starts at one bar and doubles: appending and dropping the oldest
 * take constant time, and an idle symbol's rows cost what they hold.
 */
abstract class BarRows {
  private static final int START = 0;
  private static final int OPEN = 1;
  private static final int HIGH = 2;
  private static final int LOW = 3;
  private static final int CLOSE = 4;
  private static final int VWAP = 5; // rounded to 8 places, so between low and high: a scaled long
  private static final int VOLUME_HIGH = 6; // the volume is a 128-bit sum, as TradeTotals' words
  private static final int VOLUME_LOW = 7;
  private static final int TRADES = 8;
  private static final int REVISION = 9;
  private static final int FIELDS = 10;
  private static final long[] NONE = new long[0];

  private final int most; // the array grows to hold at most twice this many
  private long[] bars = NONE; // bar i in [i * FIELDS, (i + 1) * FIELDS)
  private int first;
  private int end;

  /** Rows for at most {@code most} bars at a time. */
  protected BarRows(int most) {
    this.most = most;
  }

  final int rowCount() {
    return end - first;
  }

  /** Index of the oldest row; rows are [first(), end()). */
  final int first() {
    return first;
  }

  final int end() {
    return end;
  }

  final long startAt(int i) {
    return bars[i * FIELDS + START];
  }

  final int revisionAt(int i) {
    return (int) bars[i * FIELDS + REVISION];
  }

  /** The first index in [first, end) whose start is >= {@code start}, or end. */
  final int lowerBound(long start) {
    if (first == end || start > startAt(end - 1)) {
      return end; // bars arrive in start order: the fast path
    }
    int lo = first;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (startAt(mid) < start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The index of the row starting at {@code start}, or -1. */
  final int indexOf(long start) {
    int i = lowerBound(start);
    return i < end && startAt(i) == start ? i : -1;
  }

  /** Inserts the bar {@code bar} was emitted as, with {@code vwap} scaled; its start is not held yet. */
  final void insert(BarBuilder bar, long vwap) {
    int i = lowerBound(bar.start());
    if (i < end && first > 0) { // out of order: move the older part one slot to the left
      System.arraycopy(bars, first * FIELDS, bars, (first - 1) * FIELDS, (i - first) * FIELDS);
      first--;
      set(i - 1, bar, vwap);
      return;
    }
    if (end * FIELDS == bars.length) {
      int offset = i - first;
      makeRoom();
      i = first + offset;
    }
    System.arraycopy(bars, i * FIELDS, bars, (i + 1) * FIELDS, (end - i) * FIELDS);
    end++;
    set(i, bar, vwap);
  }

  /** Overwrites row {@code i} with {@code bar} (a later revision of it). */
  final void set(int i, BarBuilder bar, long vwap) {
    int at = i * FIELDS;
    bars[at + START] = bar.start();
    bars[at + OPEN] = bar.openTrade().px();
    bars[at + HIGH] = bar.high();
    bars[at + LOW] = bar.low();
    bars[at + CLOSE] = bar.closeTrade().px();
    bars[at + VWAP] = vwap;
    bars[at + VOLUME_HIGH] = bar.volumeHigh();
    bars[at + VOLUME_LOW] = bar.volumeLow();
    bars[at + TRADES] = bar.trades();
    bars[at + REVISION] = bar.revision();
  }

  /** Drops the oldest row, to make room for a newer bar. */
  final void dropOldest() {
    first++;
  }

  /**
   * Removes row {@code i}; the array is given up once empty: with the store on, the bars of a quiet
   * symbol are all forgotten once durable.
   */
  final void remove(int i) {
    if (i == first) {
      first++;
    } else {
      System.arraycopy(bars, (i + 1) * FIELDS, bars, i * FIELDS, (end - i - 1) * FIELDS);
      end--;
    }
    if (first == end) {
      bars = NONE;
      first = 0;
      end = 0;
    }
  }

  /** Moves the rows to the front if at least half the array is free there, else grows it (up to 2 * most). */
  private void makeRoom() {
    int capacity = bars.length / FIELDS;
    int size = end - first;
    if (size * 2 <= capacity && first > 0) {
      System.arraycopy(bars, first * FIELDS, bars, 0, size * FIELDS); // at least half was dropped since
    } else {
      int grown = Math.max(size + 1, Math.min(capacity * 2, 2 * most));
      bars = Arrays.copyOfRange(bars, first * FIELDS, (first + grown) * FIELDS);
    }
    first = 0;
    end = size;
  }

  /** Row {@code i} as the bar it was emitted as. */
  final Bar bar(String symbol, BarInterval interval, int i) {
    int at = i * FIELDS;
    return new Bar(
        symbol,
        interval,
        bars[at + START],
        Decimals.toBigDecimal(bars[at + OPEN]),
        Decimals.toBigDecimal(bars[at + HIGH]),
        Decimals.toBigDecimal(bars[at + LOW]),
        Decimals.toBigDecimal(bars[at + CLOSE]),
        ExactSum.toBigDecimal(bars[at + VOLUME_HIGH], bars[at + VOLUME_LOW], Decimals.SCALE),
        Decimals.toBigDecimal(bars[at + VWAP]),
        bars[at + TRADES],
        (int) bars[at + REVISION]);
  }
}
