package io.tickmesh.shard;

import java.util.Arrays;
import java.util.List;

/**
 * Bars in progress of one symbol and interval, sorted by start, at most one per start: the open bars, or
 * the closed bars still revisable. Nearly always zero to two, added newest last and taken oldest first,
 * so a plain array with a window [first, end) does it; lookups try the newest first, then search. With a
 * large allowed lateness there can be thousands, and the binary search keeps them cheap.
 *
 * <p>Not a {@code TreeMap}: with one bar, a tree and its entry and boxed key took 104 bytes of every idle
 * symbol's interval, this 24 (and nothing once empty). Not thread-safe: owned by one shard.
 */
final class BarShelf {
  private static final BarBuilder[] NONE = new BarBuilder[0];

  private BarBuilder[] bars = NONE;
  private int first;
  private int end;

  boolean isEmpty() {
    return first == end;
  }

  int size() {
    return end - first;
  }

  /** The {@code k}-th oldest bar, from 0 to size() - 1. */
  BarBuilder at(int k) {
    return bars[first + k];
  }

  /** The oldest bar; the shelf must not be empty. */
  BarBuilder first() {
    return bars[first];
  }

  /** The bar starting at {@code start}, or null. */
  BarBuilder get(long start) {
    if (first == end) {
      return null;
    }
    if (bars[end - 1].start() == start) {
      return bars[end - 1];
    }
    int i = lowerBound(start);
    return i < end && bars[i].start() == start ? bars[i] : null;
  }

  /** Adds a bar whose start the shelf does not hold. */
  void add(BarBuilder bar) {
    int i = first == end || bar.start() > bars[end - 1].start() ? end : lowerBound(bar.start());
    if (end == bars.length) {
      int size = end - first;
      if (size * 2 < bars.length) { // taken from the front more than added: move to the front
        System.arraycopy(bars, first, bars, 0, size);
        Arrays.fill(bars, size, end, null);
      } else {
        bars = Arrays.copyOfRange(bars, first, first + Math.max(1, bars.length * 2));
      }
      i -= first;
      first = 0;
      end = size;
    }
    System.arraycopy(bars, i, bars, i + 1, end - i);
    bars[i] = bar;
    end++;
  }

  /** Removes and returns the oldest bar; the shelf must not be empty. Gives the array up once empty. */
  BarBuilder pollFirst() {
    BarBuilder bar = bars[first];
    bars[first++] = null;
    if (first == end) {
      bars = NONE;
      first = 0;
      end = 0;
    }
    return bar;
  }

  /** The bars, oldest first (a copy). */
  List<BarBuilder> list() {
    return Arrays.asList(Arrays.copyOfRange(bars, first, end));
  }

  private int lowerBound(long start) {
    int lo = first;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bars[mid].start() < start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
