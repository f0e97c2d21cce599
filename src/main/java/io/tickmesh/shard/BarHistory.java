package io.tickmesh.shard;

import io.tickmesh.model.Bar;
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
 * walked ten levels of boxed keys scattered in memory, which made it the hottest spot of a shard.
 */
final class BarHistory {
  private final int retain;
  private Bar[] bars = new Bar[8];
  private int first; // bars[first, end) hold the history, oldest first
  private int end;

  BarHistory(int retain) {
    this.retain = retain;
  }

  /** Keeps {@code bar}, replacing an earlier revision of it, and forgets the oldest beyond the limit. */
  void put(Bar bar) {
    long start = bar.start();
    if (end == first || start > bars[end - 1].start()) {
      append(bar);
      return;
    }
    int i = lowerBound(start);
    if (bars[i].start() == start) {
      bars[i] = bar;
      return;
    }
    if (end - first == retain) {
      if (i == first) {
        return; // older than all while full: it would be the one forgotten
      }
      bars[first++] = null;
    }
    if (first > 0) { // make room by moving the older part one slot to the left
      System.arraycopy(bars, first, bars, first - 1, i - first);
      first--;
      bars[i - 1] = bar;
    } else {
      makeRoom();
      System.arraycopy(bars, i, bars, i + 1, end - i);
      end++;
      bars[i] = bar;
    }
  }

  private void append(Bar bar) {
    if (retain == 0) {
      return;
    }
    if (end - first == retain) {
      bars[first++] = null;
    }
    makeRoom();
    bars[end++] = bar;
  }

  /** Ensures bars[end] is free: moves the history to the front, or grows up to twice the limit. */
  private void makeRoom() {
    if (end < bars.length) {
      return;
    }
    int size = end - first;
    if (size * 2 <= bars.length && first > 0) {
      System.arraycopy(bars, first, bars, 0, size); // at least half the array was appended since
      Arrays.fill(bars, size, end, null);
    } else {
      bars = Arrays.copyOfRange(bars, first, first + Math.max(8, Math.min(bars.length * 2, 2 * retain)));
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
    if (i == end || bars[i] != bar) {
      return;
    }
    if (i == first) {
      bars[first++] = null;
    } else {
      System.arraycopy(bars, i + 1, bars, i, end - i - 1);
      bars[--end] = null;
    }
  }

  /** Bars kept. */
  int size() {
    return end - first;
  }

  /** The first index in [first, end) whose start is >= {@code start}, or end. */
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

  /**
   * Oldest first: with {@code from}, the first {@code limit} bars with from <= start < to; without it,
   * the last {@code limit} bars with start < to. A null {@code to} means no upper bound.
   */
  List<Bar> query(Long from, Long to, int limit) {
    if (limit <= 0 || (from != null && to != null && from >= to)) {
      return List.of();
    }
    int upTo = to == null ? end : lowerBound(to);
    int from0 = from != null ? lowerBound(from) : Math.max(first, upTo - limit);
    int until = (int) Math.min(upTo, (long) from0 + limit);
    List<Bar> result = new ArrayList<>(Math.max(0, until - from0));
    for (int i = from0; i < until; i++) {
      result.add(bars[i]);
    }
    return result;
  }
}
