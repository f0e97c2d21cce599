package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed bars of one interval kept in memory for queries: the latest revision of each of the
 * {@code retain} bars with the latest starts. A final bar is kept as a row ({@link BarRows}). A bar a
 * trade may still revise is kept by reference to its builder, which {@link IntervalBars} holds on its
 * revisable shelf anyway, and becomes a row once final: a copy of it as well took 96 bytes of every idle
 * symbol's interval, where the last bar stays revisable until the next trade. Before a trade changes a
 * bar kept by reference, its emitted state is copied into a row, so that until its next revision is
 * emitted a query still answers what was emitted.
 *
 * <p>Rows in a sorted array rather than a {@code TreeMap}: with thousands of histories, each put into a
 * tree walked ten levels of boxed keys scattered in memory, which made it the hottest spot of a shard.
 * Not thread-safe: owned by one shard.
 */
final class BarHistory extends BarRows {
  private final int retain;
  private final BarShelf live; // the revisable bars; those kept here are marked inHistory
  private int kept; // live bars kept here

  /** A history of at most {@code retain} bars, reading the revisable bars from {@code live}. */
  BarHistory(int retain, BarShelf live) {
    super(retain);
    this.retain = retain;
    this.live = live;
  }

  /**
   * Keeps a final bar as {@code bar} was just emitted ({@code vwap} its VWAP, scaled), replacing an
   * earlier revision of it, and forgets the oldest beyond the limit.
   */
  void put(BarBuilder bar, long vwap) {
    int i = indexOf(bar.start());
    if (i >= 0) {
      set(i, bar, vwap);
    } else if (admit(bar.start())) {
      insert(bar, vwap);
    }
  }

  /** Keeps a revisable bar just emitted, by reference, replacing an earlier revision of it. */
  void putLive(BarBuilder bar) {
    if (bar.inHistory()) {
      return;
    }
    int i = indexOf(bar.start());
    if (i >= 0) {
      remove(i); // its previous revision, copied before the trade that revised it
    } else if (!admit(bar.start())) {
      return;
    }
    bar.inHistory(true);
    kept++;
  }

  /** Copies a bar kept by reference into a row: before a trade revises it, and once it is final. */
  void detach(BarBuilder bar) {
    if (!bar.inHistory()) {
      return;
    }
    bar.inHistory(false);
    kept--;
    insert(bar, Decimals.fromBigDecimal(bar.vwapDecimal()));
  }

  /** True if a bar not kept yet starting at {@code start} is to be kept; forgets the oldest to make room. */
  private boolean admit(long start) {
    if (size() < retain) {
      return true;
    }
    BarBuilder oldestLive = oldestKeptLive();
    boolean rowIsOldest = oldestLive == null || (rowCount() > 0 && startAt(first()) < oldestLive.start());
    if (retain == 0 || start < (rowIsOldest ? startAt(first()) : oldestLive.start())) {
      return false; // older than all while full: it would be the one forgotten
    }
    if (rowIsOldest) {
      dropOldest();
    } else {
      oldestLive.inHistory(false);
      kept--;
    }
    return true;
  }

  private BarBuilder oldestKeptLive() {
    for (int k = 0; kept > 0 && k < live.size(); k++) {
      if (live.at(k).inHistory()) {
        return live.at(k);
      }
    }
    return null;
  }

  /**
   * Forgets {@code bar} if it is still the kept version of its start (not replaced by a later revision):
   * with the store on, a closed bar is kept only until it is durable in PostgreSQL.
   */
  void removeIfSame(Bar bar) {
    int i = indexOf(bar.start());
    if (i >= 0) {
      if (revisionAt(i) == bar.revision()) {
        remove(i);
      }
      return;
    }
    BarBuilder builder = live.get(bar.start());
    if (builder != null && builder.inHistory() && builder.revision() == bar.revision()) {
      builder.inHistory(false);
      kept--;
    }
  }

  /** Bars kept. */
  int size() {
    return rowCount() + kept;
  }

  /**
   * Oldest first: with {@code from}, the first {@code limit} bars with from <= start < to; without it,
   * the last {@code limit} bars with start < to. A null {@code to} means no upper bound.
   */
  List<Bar> query(String symbol, BarInterval interval, Long from, Long to, int limit) {
    if (limit <= 0 || (from != null && to != null && from >= to)) {
      return List.of();
    }
    int i = from == null ? first() : lowerBound(from);
    int upTo = to == null ? end() : lowerBound(to);
    List<BarBuilder> liveIn = keptLive(from, to);
    int total = upTo - i + liveIn.size();
    int skip = from == null ? Math.max(0, total - limit) : 0;
    int count = Math.min(limit, total - skip);
    int j = 0;
    if (liveIn.isEmpty()) {
      i += skip;
    } else {
      for (int n = 0; n < skip; n++) {
        if (rowFirst(i, upTo, liveIn, j)) {
          i++;
        } else {
          j++;
        }
      }
    }
    List<Bar> result = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      result.add(rowFirst(i, upTo, liveIn, j) ? bar(symbol, interval, i++) : liveIn.get(j++).toBar(symbol, interval));
    }
    return result;
  }

  /** True if, merging rows [i, upTo) and {@code liveIn} from j by start, a row comes next. */
  private boolean rowFirst(int i, int upTo, List<BarBuilder> liveIn, int j) {
    return j == liveIn.size() || (i < upTo && startAt(i) < liveIn.get(j).start());
  }

  /** The live bars kept here with from <= start < to (null: unbounded), oldest first. */
  private List<BarBuilder> keptLive(Long from, Long to) {
    if (kept == 0) {
      return List.of();
    }
    List<BarBuilder> out = new ArrayList<>(kept);
    for (int k = 0; k < live.size(); k++) {
      BarBuilder bar = live.at(k);
      if (bar.inHistory() && (from == null || bar.start() >= from) && (to == null || bar.start() < to)) {
        out.add(bar);
      }
    }
    return out;
  }
}
