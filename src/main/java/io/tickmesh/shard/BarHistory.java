package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The closed bars of one interval kept in memory for queries: the latest revision of each of the
 * {@code retain} bars with the latest starts, sorted by start. Bars nearly always close in start order,
 * so a bar is appended at the end in constant time; one that closes out of order (a trade can open a
 * bar older than bars already closed) or a revision is placed by binary search.
 *
 * <p>A sorted array rather than a {@code TreeMap}: with thousands of histories, each put into a tree
 * walked ten levels of boxed keys scattered in memory, which made it the hottest spot of a shard. And
 * an array of the bars' scaled longs ({@value #FIELDS} a bar) rather than of {@link Bar} records: a
 * record with its six BigDecimals took about 370 bytes of heap, these 80, and most bars kept are never
 * asked for. The array starts at one bar and doubles, so an idle symbol's history costs what it holds.
 */
final class BarHistory {
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

  private final int retain;
  private long[] bars = NONE; // bar i in [i * FIELDS, (i + 1) * FIELDS)
  private int first; // bars [first, end) hold the history, oldest first
  private int end;

  BarHistory(int retain) {
    this.retain = retain;
  }

  /**
   * Keeps the bar {@code bar} was just emitted as ({@code vwap} its VWAP, scaled), replacing an earlier
   * revision of it, and forgets the oldest beyond the limit.
   */
  void put(BarBuilder bar, long vwap) {
    long start = bar.start();
    if (end == first || start > startAt(end - 1)) {
      append(bar, vwap);
      return;
    }
    int i = lowerBound(start);
    if (startAt(i) == start) {
      set(i, bar, vwap);
      return;
    }
    if (end - first == retain) {
      if (i == first) {
        return; // older than all while full: it would be the one forgotten
      }
      first++;
    }
    if (first > 0) { // make room by moving the older part one slot to the left
      System.arraycopy(bars, first * FIELDS, bars, (first - 1) * FIELDS, (i - first) * FIELDS);
      first--;
      set(i - 1, bar, vwap);
    } else {
      makeRoom();
      System.arraycopy(bars, i * FIELDS, bars, (i + 1) * FIELDS, (end - i) * FIELDS);
      end++;
      set(i, bar, vwap);
    }
  }

  private void append(BarBuilder bar, long vwap) {
    if (retain == 0) {
      return;
    }
    if (end - first == retain) {
      first++;
    }
    makeRoom();
    set(end++, bar, vwap);
  }

  private void set(int i, BarBuilder bar, long vwap) {
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

  /** Ensures bar {@code end} is free: moves the history to the front, or grows up to twice the limit. */
  private void makeRoom() {
    int capacity = bars.length / FIELDS;
    if (end < capacity) {
      return;
    }
    int size = end - first;
    if (size * 2 <= capacity && first > 0) {
      System.arraycopy(bars, first * FIELDS, bars, 0, size * FIELDS); // at least half was appended since
    } else {
      int grown = Math.max(1, Math.min(capacity * 2, 2 * retain));
      bars = Arrays.copyOfRange(bars, first * FIELDS, (first + grown) * FIELDS);
    }
    first = 0;
    end = size;
  }

  /**
   * Forgets {@code bar} if it is still the kept version of its start (not replaced by a later revision):
   * with the store on, a closed bar is kept only until it is durable in PostgreSQL.
   */
  void removeIfSame(Bar bar) {
    int i = lowerBound(bar.start());
    if (i == end || startAt(i) != bar.start() || bars[i * FIELDS + REVISION] != bar.revision()) {
      return;
    }
    if (i == first) {
      first++;
    } else {
      System.arraycopy(bars, (i + 1) * FIELDS, bars, i * FIELDS, (end - i - 1) * FIELDS);
      end--;
    }
  }

  /** Bars kept. */
  int size() {
    return end - first;
  }

  private long startAt(int i) {
    return bars[i * FIELDS + START];
  }

  /** The first index in [first, end) whose start is >= {@code start}, or end. */
  private int lowerBound(long start) {
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

  /**
   * Oldest first: with {@code from}, the first {@code limit} bars with from <= start < to; without it,
   * the last {@code limit} bars with start < to. A null {@code to} means no upper bound.
   */
  List<Bar> query(String symbol, BarInterval interval, Long from, Long to, int limit) {
    if (limit <= 0 || (from != null && to != null && from >= to)) {
      return List.of();
    }
    int upTo = to == null ? end : lowerBound(to);
    int from0 = from != null ? lowerBound(from) : Math.max(first, upTo - limit);
    int until = (int) Math.min(upTo, (long) from0 + limit);
    List<Bar> result = new ArrayList<>(Math.max(0, until - from0));
    for (int i = from0; i < until; i++) {
      result.add(bar(symbol, interval, i));
    }
    return result;
  }

  private Bar bar(String symbol, BarInterval interval, int i) {
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
